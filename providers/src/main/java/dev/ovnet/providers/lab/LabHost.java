package dev.ovnet.providers.lab;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * One simulated host as the lab builds it: namespace {@code netns} with interface {@code iface} holding
 * {@code address/segment prefix}, whose veth peer {@code port} sits on bridge {@code bridge} of the switch
 * namespace. {@code root} is where ovnet writes this host's files (and the lab its CNI cache). On a dual-stack lab
 * the interface also holds {@code address6} in {@code segment6}; both are null otherwise.
 */
public record LabHost(
        String name,
        String netns,
        String iface,
        Ipv4 address,
        Cidr segment,
        String bridge,
        String port,
        String root,
        int containers,
        Ipv6 address6,
        Cidr6 segment6) {

    public LabHost(String name, String netns, String iface, Ipv4 address, Cidr segment, String bridge, String port,
            String root, int containers) {
        this(name, netns, iface, address, segment, bridge, port, root, containers, null, null);
    }

    /** Namespace of container {@code n} (1-based). */
    public String containerNetns(int n) {
        return netns + "-c" + n;
    }

    /** What users see for container {@code n}: host name, not namespace name. */
    public String containerLabel(int n) {
        return name + "-c" + n;
    }

    /** Does {@code namespace} look like one of this host's containers (any count, also from an older file)? */
    public boolean isContainerNetns(String namespace) {
        String prefix = netns + "-c";
        return namespace.startsWith(prefix) && namespace.length() > prefix.length()
                && namespace.substring(prefix.length()).chars().allMatch(Character::isDigit);
    }

    /** Folder of the lab's own files on this host (CNI result cache, host-local leases). */
    public String labDir() {
        return root.endsWith("/") ? root + LabLayout.LAB_DIR : root + "/" + LabLayout.LAB_DIR;
    }
}
