/**
 * The udp backend's data plane: {@code ovnet forward}, a userspace forwarder that speaks flannel's wire format
 * (the whole IPv4 packet as the UDP payload) between the TUN device and the peers in its peer-table file. It
 * checks every packet against the pool, its own subnet and the peer table, counts what it drops, and, where
 * the kernel allows, moves 64 KiB TCP super-packets with TUN offloads, UDP GSO and UDP GRO. It is a module of
 * its own: of ovnet it uses only planner's address types and error base class, and it touches nothing but its
 * TUN device, its socket and the files its command line names; starting and stopping it on a host is the
 * providers' business.
 */
package dev.ovnet.forwarder;
