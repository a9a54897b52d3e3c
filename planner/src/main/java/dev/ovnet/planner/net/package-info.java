/**
 * IPv4 and IPv6 addresses, networks and MAC addresses as immutable values that parse strictly and print canonically.
 * The bottom of the dependency graph: it depends on nothing else of ovnet, and the forwarder uses it too.
 */
package dev.ovnet.planner.net;
