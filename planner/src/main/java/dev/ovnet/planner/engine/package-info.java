/**
 * Runs a plan against many hosts at once: refresh reads them, apply changes them, a host that fails is rolled
 * back, {@code --verify} probes the overlay, and {@link dev.ovnet.planner.engine.StateUpdate} records what was
 * really done. It reaches hosts only through the {@code spi} interfaces, so it stays pure and is tested with
 * fakes; the threads it uses are the only concurrency in the planner.
 */
package dev.ovnet.planner.engine;
