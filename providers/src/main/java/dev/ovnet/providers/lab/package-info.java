/**
 * {@code ovnet lab}: simulated hosts on one machine. It builds network namespaces for the {@code netns} hosts of
 * a file, joined by an underlay of bridges in a switch namespace, starts test containers on each host's bridge
 * once ovnet has applied (from the lease files apply wrote), proves container-to-container reachability with a
 * ping matrix, and removes it all. Nothing here touches the namespace ovnet itself runs in.
 */
package dev.ovnet.providers.lab;
