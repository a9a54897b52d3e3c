/**
 * Lease allocation: which subnet of the pool each host holds. Deterministic, unlike flannel's random pick, so the
 * same file and state always give the same leases; stable across plans; pins honoured. Depends only on
 * {@code config} and {@code net}.
 */
package dev.ovnet.planner.ipam;
