/**
 * The recorded state, kept the way Terraform keeps its state: a format version, a serial that goes up with every
 * write, a lineage, and per host its lease, facts, status and, where it differs from what the plan derives, the
 * objects it really holds. Records only; how they are stored is the business of {@code providers.state}.
 */
package dev.ovnet.planner.state;
