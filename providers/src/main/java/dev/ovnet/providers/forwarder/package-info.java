/**
 * The udp backend's data plane: {@code ovnet forward}, a userspace forwarder that speaks flannel's wire format
 * (the whole IPv4 packet as the UDP payload) between the TUN device and the peers in its peer-table file. It
 * checks every packet against the pool, its own subnet and the peer table, counts what it drops, and, where
 * the kernel allows, moves 64 KiB TCP super-packets with TUN offloads, UDP GSO and UDP GRO.
 */
package dev.ovnet.providers.forwarder;
