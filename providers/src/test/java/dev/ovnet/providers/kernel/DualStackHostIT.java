package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Differ;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.ReadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LinuxHost} building a dual-stack host against the real kernel: two namespaces on one underlay with both
 * families. What the planner wants in IPv6 (device, /128 address, neighbours, fdb entries, routes, ip6tables
 * chains, IPv6 forwarding) is what refresh reads back; traffic of both families crosses between the hosts' overlay
 * addresses, full-size with DF set; a hand-deleted IPv6 route is drift and is repaired; destroy leaves the IPv4 and
 * IPv6 listings as they were.
 */
@Tag("privileged")
class DualStackHostIT {

    private static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    private static final Cidr6 POOL6 = Cidr6.parse("fd10:100::/48");
    private static final String[] NAMES = {"o6-dsh-a", "o6-dsh-b"};

    private static NetworkSpec network(BackendType type) {
        return new NetworkSpec("demo", POOL, 24, new Backend(type, type == BackendType.VXLAN ? 1 : 0,
                type.defaultPort(), false), null, true, ContainerRuntime.DOCKER, POOL6, 64);
    }

    private static List<HostSpec> hosts(NetworkSpec network, NetnsLab lab) {
        List<HostSpec> hosts = new ArrayList<>();
        boolean vxlan = network.backend().type() == BackendType.VXLAN;
        for (int i = 0; i < NAMES.length; i++) {
            Cidr lease = Cidr.parse("10.100." + (i + 1) + ".0/24");
            Cidr6 lease6 = Cidr6.parse("fd10:100:0:" + (i + 1) + "::/64");
            HostFacts facts = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false, null,
                    Cidr6.parse("fd00:192:0:2::/64"));
            hosts.add(new HostSpec("node-" + (i + 1), Ipv4.parse("192.0.2." + (i + 1)), lab.root("node-" + (i + 1)),
                    lease, vxlan ? Mac.forLease("demo", 1, lease) : null, facts, Ipv6.parse(NetnsLab.address6(i)),
                    lease6, vxlan ? Mac.forLease6("demo", 1, lease6) : null));
        }
        return hosts;
    }

    private static ReadRequest request(NetworkSpec network, DesiredHost desired) {
        Set<String> devices = new TreeSet<>();
        if (network.backend().deviceName() != null) {
            devices.add(network.backend().deviceName());
            devices.add(network.backend().deviceName6());
        }
        Set<String> files = new TreeSet<>();
        for (KernelObject o : desired.hostObjects()) {
            if (o instanceof FileObject f) {
                files.add(f.path());
            }
        }
        HostSpec self = desired.self();
        return new ReadRequest(self.address(), null, devices, files, POOL, null, POOL6, self.address6());
    }

    private static List<String> sorted(List<KernelObject> objects) {
        return objects.stream().map(KernelObject::describe).sorted().toList();
    }

    private static HostPlan diff(List<KernelObject> before, ObjectSet after) {
        return Differ.diff("node", new ObjectSet.Listed(before), after, null);
    }

    /** Waits (5 s at most) until the underlay has its carrier and the IPv6 multicast route that comes with it. */
    private static void awaitCarrier(NetnsLab lab, String ns) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            boolean carrier = !lab.in(ns, "ip", "link", "show", "eth0").contains("NO-CARRIER");
            if (carrier && lab.in(ns, "ip", "-6", "route", "show", "table", "local").contains("ff00::/8 dev eth0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("eth0 of " + ns + " has no carrier after 5 s");
    }

    @ParameterizedTest
    @EnumSource(value = BackendType.class, names = {"VXLAN", "HOST_GW"})
    void bothFamiliesAreBuiltCrossedRepairedAndDestroyedWithoutATrace(BackendType type) throws Exception {
        NetworkSpec network = network(type);
        try (NetnsLab lab = NetnsLab.dualStack(NAMES)) {
            List<HostSpec> hosts = hosts(network, lab);
            List<PeerEntry> peers = hosts.stream().map(PeerEntry::of).sorted(DesiredState.BY_SUBNET).toList();
            List<String> pristine = new ArrayList<>();
            List<LinuxHost> linux = new ArrayList<>();
            try {
                for (String ns : NAMES) {
                    awaitCarrier(lab, ns);
                }
                for (int i = 0; i < NAMES.length; i++) {
                    pristine.add(lab.listings46(NAMES[i]));
                    linux.add(new LinuxHost(hosts.get(i).name(), lab.transport(NAMES[i]), NetnsLab.NO_FORWARDER));
                }
                for (int i = 0; i < NAMES.length; i++) {
                    DesiredHost desired = DesiredState.forHost(network, hosts.get(i), peers);
                    ReadRequest request = request(network, desired);
                    HostReading empty = linux.get(i).read(request);
                    assertEquals(Cidr6.parse("fd00:192:0:2::/64"), empty.facts().segment6());
                    assertEquals(List.of("sysctl net.ipv4.ip_forward=0", "sysctl net.ipv6.conf.all.forwarding=0"),
                            sorted(empty.objects()));
                    ApplyResult result = linux.get(i).apply(diff(empty.objects(), new ObjectSet.Derived(desired)),
                            ApplyListener.NONE);
                    assertNull(result.failure());
                    HostReading built = linux.get(i).read(request);
                    assertEquals(sorted(desired.allObjects()), sorted(built.objects()));
                    assertTrue(diff(built.objects(), new ObjectSet.Derived(desired)).isEmpty());
                }
                String a = NAMES[0];
                boolean vxlan = type == BackendType.VXLAN;
                String routes6 = lab.in(a, "ip", "-6", "route", "show", "proto", "152");
                assertTrue(routes6.contains(vxlan ? "fd10:100:0:2::/64 via fd10:100:0:2:: dev flannel-v6.1"
                        : "fd10:100:0:2::/64 via fd00:192:0:2::2 dev eth0"), routes6);
                assertTrue(lab.in(a, "ip6tables-save").contains("-A OVNET-FWD -s fd10:100::/48 -m comment --comment"
                        + " \"ovnet forward\" -j ACCEPT"));
                assertEquals("1\n", lab.in(a, "sysctl", "-n", "net.ipv6.conf.all.forwarding"));
                String env = Files.readString(Path.of(lab.root("node-1"), "run/flannel/subnet.env"));
                assertTrue(env.contains("FLANNEL_IPV6_NETWORK=fd10:100::/48\nFLANNEL_IPV6_SUBNET=fd10:100:0:1::1/64\n"
                        + "FLANNEL_MTU=" + (vxlan ? 1430 : 1500) + "\n"), env);
                if (vxlan) {
                    assertTrue(lab.in(a, "bridge", "fdb", "show", "dev", "flannel-v6.1")
                            .contains(hosts.get(1).mac6() + " dst fd00:192:0:2::2 self permanent"));
                    // full-size packets with DF set cross in each family: 1430 - 28 and 1430 - 48 bytes of payload
                    lab.in(a, "ping", "-c", "1", "-W", "5", "-M", "do", "-s", "1402", "-I", "10.100.1.0", "10.100.2.0");
                    lab.in(a, "ping", "-6", "-c", "1", "-W", "5", "-M", "do", "-s", "1382", "-I", "fd10:100:0:1::",
                            "fd10:100:0:2::");
                }

                lab.in(a, "ip", "-6", "route", "del", "fd10:100:0:2::/64");
                DesiredHost desired = DesiredState.forHost(network, hosts.get(0), peers);
                HostReading drifted = linux.get(0).read(request(network, desired));
                HostPlan repair = diff(drifted.objects(), new ObjectSet.Derived(desired));
                List<String> lines = new ArrayList<>();
                repair.forEachInApplyOrder(c -> lines.add(c.action().symbol() + " " + c.after().describe()));
                assertEquals(List.of("+ " + (vxlan ? "route fd10:100:0:2::/64 via fd10:100:0:2:: dev flannel-v6.1"
                        + " onlink" : "route fd10:100:0:2::/64 via fd00:192:0:2::2 dev eth0")), lines);
                assertTrue(linux.get(0).apply(repair, ApplyListener.NONE).ok());
                assertTrue(lab.in(a, "ip", "-6", "route", "show", "proto", "152").contains("fd10:100:0:2::/64"));

                for (int i = 0; i < NAMES.length; i++) {
                    DesiredHost d = DesiredState.forHost(network, hosts.get(i), peers);
                    HostReading before = linux.get(i).read(request(network, d));
                    assertNull(linux.get(i).apply(diff(before.objects(), ObjectSet.NONE), ApplyListener.NONE)
                            .failure());
                    assertEquals("1\n", lab.in(NAMES[i], "sysctl", "-n", "net.ipv6.conf.all.forwarding"),
                            "forwarding is never reset");
                    // forwarding brings the subnet-router anycast address and the all-routers group with it; turned
                    // off by hand (ovnet never does), every listing must be as it was before
                    lab.in(NAMES[i], "sysctl", "-qw", "net.ipv6.conf.all.forwarding=0");
                    // and the underlay's neighbour cache holds what this test's own pings learned
                    lab.in(NAMES[i], "ip", "neigh", "flush", "dev", "eth0");
                    assertEquals(pristine.get(i), lab.listings46(NAMES[i]), NAMES[i]);
                }
            } finally {
                for (LinuxHost host : linux) {
                    host.close();
                }
            }
        }
    }
}
