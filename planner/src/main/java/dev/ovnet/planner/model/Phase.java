package dev.ovnet.planner.model;

/**
 * The order objects are created in on a host. Deletions run in reverse. Routes come after neighbours and fdb
 * entries, as in flannel, so the kernel never has to ARP for a peer's VTEP.
 */
public enum Phase {
    SYSCTL, LINK, ADDRESS, NEIGHBOUR, FDB, ROUTE, IPTABLES, FILE, FORWARDER
}
