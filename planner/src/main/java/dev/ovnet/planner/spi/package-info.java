/**
 * The interfaces the planner needs from the outside world, declared here by their consumer and implemented in
 * {@code providers}: a host to read and change ({@link dev.ovnet.planner.spi.Host},
 * {@link dev.ovnet.planner.spi.HostConnector}), a state store with its lock
 * ({@link dev.ovnet.planner.spi.StateStore}) and a listener for progress. Interfaces, records and exceptions only.
 */
package dev.ovnet.planner.spi;
