package dev.ovnet.providers.lab;

import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * One test container: a network namespace on a simulated host's bridge. {@code label} is what users see in the
 * matrix ({@code <host>-c<n>}); {@code netns} is the namespace ({@code <host netns>-c<n>}). {@code address6} is
 * its IPv6 address on a dual-stack network, else null.
 */
public record LabContainer(String host, String label, String netns, Ipv4 address, Ipv6 address6) {

    public LabContainer(String host, String label, String netns, Ipv4 address) {
        this(host, label, netns, address, null);
    }
}
