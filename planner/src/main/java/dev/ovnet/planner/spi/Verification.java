package dev.ovnet.planner.spi;

/**
 * What {@code apply --verify} proved once every host was applied: how many hosts sent probes, how many probes they
 * sent to peers across the overlay, and how many of those peers answered.
 */
public record Verification(int hosts, int probes, int answered) {
}
