package dev.ovnet.providers.lab;

import dev.ovnet.planner.net.Ipv4;

/**
 * One test container: a network namespace on a simulated host's bridge. {@code label} is what users see in the
 * matrix ({@code <host>-c<n>}); {@code netns} is the namespace ({@code <host netns>-c<n>}).
 */
public record LabContainer(String host, String label, String netns, Ipv4 address) {
}
