package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers the way docker makes them with {@code --bip=$FLANNEL_SUBNET --mtu=$FLANNEL_MTU}: bridge
 * {@code docker0} in the host namespace holding the subnet's .1, and container {@code n} a namespace whose
 * {@code eth0} (a veth on docker0) holds .(n+1) with a default route via .1. Used for runtimes docker and none.
 * On a dual-stack host (subnet.env has FLANNEL_IPV6_SUBNET) the same in IPv6, as {@code dockerd --ipv6
 * --fixed-cidr-v6} would: docker0 also holds the IPv6 subnet's ::1, container n its ::(n+1) with a default route
 * via ::1. On an IPv6-only host (no FLANNEL_SUBNET) only the IPv6 half: containers have no IPv4 address.
 */
final class BridgeContainers implements Containers {

    static final String BRIDGE = "docker0";

    private final Namespaces ns;
    private final LabListener listener;

    BridgeContainers(Namespaces ns, LabListener listener) {
        this.ns = ns;
        this.listener = listener;
    }

    @Override
    public List<LabContainer> ensure(LabHost host, List<String> problems) {
        SubnetEnv env = readSubnetEnv(host);
        if (env.subnet() != null && env.subnet().size() < host.containers() + 3L) {
            throw new LabException("host " + host.name() + ": subnet " + env.subnet() + " is too small for "
                    + host.containers() + " containers", "lower lab.containers or use a longer subnetLength");
        }
        String hostNs = host.netns();
        String mtu = String.valueOf(env.mtu());
        if (!ns.linkExists(hostNs, BRIDGE)) {
            ns.ipMust(hostNs, "link", "add", BRIDGE, "type", "bridge");
            listener.step("created bridge " + BRIDGE + " " + gatewayText(env) + " in " + hostNs);
        }
        ns.ipMust(hostNs, "link", "set", BRIDGE, "mtu", mtu, "up");
        if (env.subnet() != null) {
            ns.setOnlyAddress(hostNs, BRIDGE, env.gateway() + "/" + env.subnet().prefix());
        }
        if (env.subnet6() != null) {
            ns.setOnlyAddress6(hostNs, BRIDGE, env.gateway6() + "/" + env.subnet6().prefix());
        }
        List<LabContainer> made = new ArrayList<>();
        for (int n = 1; n <= host.containers(); n++) {
            Ipv4 address = env.subnet() == null ? null : env.subnet().host(n + 1L);
            Ipv6 address6 = env.subnet6() == null ? null : env.subnet6().host(n + 1L);
            String container = host.containerNetns(n);
            if (!healthy(container, address, env) || !healthy6(container, address6, env)) {
                create(host, n, address, env);
            }
            made.add(new LabContainer(host.name(), host.containerLabel(n), container, address, address6));
        }
        return made;
    }

    private boolean healthy(String container, Ipv4 address, SubnetEnv env) {
        if (!ns.exists(container)) {
            return false;
        }
        if (address == null) {
            return ns.addresses(container, "eth0").isEmpty();
        }
        String expected = address + "/" + env.subnet().prefix();
        if (!ns.addresses(container, "eth0").equals(List.of(expected))) {
            return false;
        }
        for (JsonNode route : ns.ipJson(container, "-4", "route", "show", "default")) {
            if (env.gateway().toString().equals(route.path("gateway").asText())) {
                return true;
            }
        }
        return false;
    }

    private boolean healthy6(String container, Ipv6 address6, SubnetEnv env) {
        if (address6 == null) {
            return true;
        }
        if (!ns.addresses6(container, "eth0").equals(List.of(address6 + "/" + env.subnet6().prefix()))) {
            return false;
        }
        for (JsonNode route : ns.ipJson(container, "-6", "route", "show", "default")) {
            if (env.gateway6().toString().equals(route.path("gateway").asText())) {
                return true;
            }
        }
        return false;
    }

    private void create(LabHost host, int n, Ipv4 address, SubnetEnv env) {
        String container = host.containerNetns(n);
        String hostEnd = "vethc" + n;
        String mtu = String.valueOf(env.mtu());
        ns.delete(container, listener);
        ns.add(container);
        ns.ipMust(container, "link", "set", "lo", "up");
        if (ns.linkExists(host.netns(), hostEnd)) {
            ns.ipMust(host.netns(), "link", "del", hostEnd);
        }
        ns.ipMust(host.netns(), "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", container);
        ns.ipMust(host.netns(), "link", "set", hostEnd, "mtu", mtu, "master", BRIDGE, "up");
        ns.ipMust(container, "link", "set", "eth0", "mtu", mtu, "up");
        if (address != null) {
            ns.ipMust(container, "addr", "add", address + "/" + env.subnet().prefix(), "dev", "eth0");
            ns.ipMust(container, "route", "add", "default", "via", env.gateway().toString(), "dev", "eth0");
        }
        if (env.subnet6() != null) {
            Ipv6 address6 = env.subnet6().host(n + 1L);
            ns.ipMust(container, "addr", "add", address6 + "/" + env.subnet6().prefix(), "dev", "eth0", "nodad");
            ns.ipMust(container, "-6", "route", "add", "default", "via", env.gateway6().toString(), "dev", "eth0");
        }
        listener.step("created container " + container + " " + (address != null ? address
                : env.subnet6().host(n + 1L)) + " on " + BRIDGE + " of " + host.netns());
    }

    /** The bridge's gateway as created: the IPv4 one, or the IPv6 one on an IPv6-only host. */
    private static String gatewayText(SubnetEnv env) {
        return env.subnet() != null ? env.gateway() + "/" + env.subnet().prefix()
                : env.gateway6() + "/" + env.subnet6().prefix();
    }

    @Override
    public void release(LabHost host) {
        // nothing outside the namespaces: docker0 and the veths go with them
    }

    static SubnetEnv readSubnetEnv(LabHost host) {
        String path = FlannelFiles.under(host.root(), FlannelFiles.SUBNET_ENV);
        try {
            return SubnetEnv.parse(path, Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new LabException("host " + host.name() + " has no lease yet: " + path + " does not exist",
                    "containers take their addresses from the lease: run `ovnet apply -f FILE` first");
        } catch (IOException e) {
            throw new LabException("cannot read " + path + ": " + e.getMessage(), null);
        }
    }
}
