package dev.ovnet.providers.ssh;

import dev.ovnet.planner.net.IpAddress;

/**
 * Where an SSH host listens, as messages name it: {@code 192.0.2.11:22}, and an IPv6 address in brackets,
 * {@code [fd00:192:0:2::11]:22}, as OpenSSH writes it; without them the port would read as the address's last group
 * ({@code fd00:192:0:2::11:22} is itself an IPv6 address).
 */
record SshEndpoint(IpAddress address, int port) {

    @Override
    public String toString() {
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + ":" + port;
    }
}
