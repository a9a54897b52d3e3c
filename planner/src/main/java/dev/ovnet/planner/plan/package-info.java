/**
 * From configuration, state and what refresh read to a {@link dev.ovnet.planner.plan.Plan}: the typed changes per
 * host, drift, the preflight checks that need a host's facts, and {@code --target}. A plan is a value that can be
 * saved and applied later. Pure: the caller reads hosts and state and passes the results in.
 */
package dev.ovnet.planner.plan;
