package dev.ovnet.providers.kernel;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.spi.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network as the planner sees it, for tests: pool 10.100.0.0/16, host i (1-based) at 192.0.2.i holding lease
 * 10.100.i.0/24 (or, for large peer counts, any address and lease), and the desired state and read request of
 * one host, built with the planner's own {@link DesiredState}.
 */
record Overlay(NetworkSpec network, List<HostSpec> hosts) {

    static final Cidr POOL = Cidr.parse("10.100.0.0/16");

    static NetworkSpec network(BackendType type, boolean directRouting) {
        int vni = 1;
        return new NetworkSpec("demo", POOL, 24, new Backend(type, vni, type.defaultPort(), directRouting), null,
                true, ContainerRuntime.DOCKER);
    }

    static HostSpec host(NetworkSpec network, String name, Ipv4 address, Cidr lease, String root, HostFacts facts) {
        Mac mac = network.backend().type() == BackendType.VXLAN
                ? Mac.forLease(network.name(), network.backend().vni(), lease) : null;
        return new HostSpec(name, address, root, lease, mac, facts);
    }

    /** Hosts node-1..node-n at 192.0.2.i with lease 10.100.i.0/24; {@code facts} for all of them. */
    static Overlay of(NetworkSpec network, int n, NetnsLab lab, HostFacts facts) {
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hosts.add(host(network, "node-" + i, Ipv4.parse("192.0.2." + i), Cidr.parse("10.100." + i + ".0/24"),
                    lab.root("node-" + i), facts));
        }
        return new Overlay(network, hosts);
    }

    List<PeerEntry> peers() {
        return hosts.stream().map(PeerEntry::of).sorted(DesiredState.BY_SUBNET).toList();
    }

    DesiredHost desired(int index) {
        return DesiredState.forHost(network, hosts.get(index), peers());
    }

    ReadRequest request(int index) {
        HostSpec self = hosts.get(index);
        String device = network.backend().deviceName();
        Set<String> files = new TreeSet<>();
        for (KernelObject o : desired(index).hostObjects()) {
            if (o instanceof FileObject f) {
                files.add(f.path());
            }
        }
        return new ReadRequest(self.address(), null, device == null ? Set.of() : Set.of(device), files, POOL,
                network.backend().type() == BackendType.UDP ? device : null);
    }
}
