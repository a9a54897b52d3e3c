/**
 * Linux system calls for the udp forwarder through jnr-ffi: the TUN device, a UDP socket with GSO and GRO, and
 * batched {@code sendmmsg}/{@code recvmmsg}. Everything here works on native memory held in direct byte buffers
 * whose addresses are passed as plain integers, so the forwarder's hot loops allocate nothing.
 */
package dev.ovnet.forwarder.tun;
