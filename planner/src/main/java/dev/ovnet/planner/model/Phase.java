package dev.ovnet.planner.model;

/**
 * The order objects are created in on a host. Deletions run in reverse. Routes come after neighbours and fdb
 * entries, as in flannel, so the kernel never has to ARP for a peer's VTEP. A wireguard key exists before its
 * device, and the device's peers come after the device and its address.
 */
public enum Phase {
    SYSCTL, KEY, LINK, ADDRESS, NEIGHBOUR, FDB, PEER, ROUTE, IPTABLES, FILE, FORWARDER
}
