/**
 * The root of ovnet's pure core: configuration, leases, desired state, plans and the interfaces the outside world
 * implements. Nothing under this package reads files, starts processes, opens sockets, reads a clock or draws
 * random numbers (a unit test greps the sources for them), so a plan depends only on its inputs.
 * {@link dev.ovnet.planner.OvnetException} is the error a user can act on: a message and a hint.
 */
package dev.ovnet.planner;
