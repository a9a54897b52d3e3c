/**
 * The kernel objects ovnet manages on a host (links, addresses, neighbours, fdb entries, routes, iptables
 * chains, sysctls, files, the udp forwarder), each an immutable record under the sealed
 * {@link dev.ovnet.planner.model.KernelObject}: what makes two objects the same one, what forces a replacement,
 * and in which phase each is created. Values only; depends on {@code net} alone.
 */
package dev.ovnet.planner.model;
