package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.Differ;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.plan.PeerDelta;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.ReadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link LinuxHost} against the real kernel, in namespaces of its own: what the planner wants is what the kernel
 * then lists, a second apply changes nothing, changes made by hand show up, a user's own route survives, and
 * destroy leaves every listing as it was.
 */
@Tag("privileged")
class LinuxHostIT {

    private static final HostFacts FACTS = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false);

    @Test
    void vxlanHostIsBuiltExactlyAsPlannedAndDestroyedWithoutATrace() throws Exception {
        try (NetnsLab lab = NetnsLab.of("ovk-vx-a", "ovk-vx-b");
                LinuxHost host = new LinuxHost("node-1", lab.transport("ovk-vx-a"),
                        NetnsLab.NO_FORWARDER)) {
            String ns = "ovk-vx-a";
            lab.in(ns, "ip", "route", "add", "10.200.0.0/16", "via", "192.0.2.2", "dev", "eth0");
            String pristine = lab.listings(ns);
            Overlay overlay = Overlay.of(Overlay.network(BackendType.VXLAN, false), 3, lab, FACTS);
            ReadRequest request = overlay.request(0);

            HostReading empty = host.read(request);
            assertEquals(FACTS, empty.facts());
            assertEquals(List.of("sysctl net.ipv4.ip_forward=0"), describe(empty.objects()));

            DesiredHost desired = overlay.desired(0);
            HostPlan plan = Differ.diff("node-1", new ObjectSet.Listed(empty.objects()), new ObjectSet.Derived(desired),
                    null);
            Recorder progress = new Recorder();
            ApplyResult result = host.apply(plan, progress);
            assertNull(result.failure());
            assertEquals(inApplyOrder(plan), result.applied());
            assertEquals(result.applied().size(), progress.lastDone);
            assertTrue(progress.steps.size() >= 4, progress.steps::toString);

            HostReading built = host.read(request);
            assertEquals(sorted(desired.allObjects()), sorted(built.objects()));
            HostPlan again = Differ.diff("node-1", new ObjectSet.Listed(built.objects()),
                    new ObjectSet.Derived(desired), null);
            assertTrue(again.isEmpty(), () -> again.changes().toString());
            String link = lab.in(ns, "ip", "-d", "link", "show", "flannel.1");
            assertTrue(link.contains("vxlan id 1 local 192.0.2.1 dev eth0 srcport 0 0 dstport 8472 nolearning"), link);
            assertTrue(lab.in(ns, "bridge", "fdb", "show", "dev", "flannel.1")
                    .contains(overlay.hosts().get(1).mac() + " dst 192.0.2.2 self permanent"));
            assertEquals("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.1.1/24\nFLANNEL_MTU=1450\n"
                    + "FLANNEL_IPMASQ=true\n", Files.readString(Path.of(lab.root("node-1"), "run/flannel/subnet.env")));

            String built1 = lab.listings(ns);
            ApplyResult nothing = host.apply(again, ApplyListener.NONE);
            assertTrue(nothing.ok());
            assertEquals(List.of(), nothing.applied());
            assertEquals(built1, lab.listings(ns));

            lab.in(ns, "ip", "route", "del", "10.100.2.0/24");
            HostReading drifted = host.read(request);
            HostPlan repair = Differ.diff("node-1", new ObjectSet.Listed(drifted.objects()),
                    new ObjectSet.Derived(desired), null);
            assertEquals(List.of("+ route 10.100.2.0/24 via 10.100.2.0 dev flannel.1 onlink"), describe(repair));
            assertTrue(host.apply(repair, ApplyListener.NONE).ok());

            HostReading before = host.read(request);
            assertTrue(before.objects().stream().noneMatch(o -> o.describe().contains("10.200.0.0")));
            HostPlan destroy = Differ.diff("node-1", new ObjectSet.Listed(before.objects()), ObjectSet.NONE, null);
            ApplyResult destroyed = host.apply(destroy, ApplyListener.NONE);
            assertNull(destroyed.failure());
            assertEquals(pristine, lab.listings(ns));
            assertEquals("1\n", lab.in(ns, "sysctl", "-n", "net.ipv4.ip_forward"), "ip_forward is never reset");
            assertFalse(Files.exists(Path.of(lab.root("node-1"), "run/flannel/subnet.env")));
        }
    }

    @Test
    void changedSettingsAreUpdatedInPlaceOrTheDeviceIsRecreated() {
        try (NetnsLab lab = NetnsLab.of("ovk-upd-a", "ovk-upd-b");
                LinuxHost host = new LinuxHost("node-1", lab.transport("ovk-upd-a"),
                        NetnsLab.NO_FORWARDER)) {
            Overlay first = Overlay.of(Overlay.network(BackendType.VXLAN, false), 3, lab, FACTS);
            converge(host, first, 0);

            // a smaller MTU (in place) and a peer that moved to another underlay address (fdb dst, in place)
            NetworkSpec base = first.network();
            NetworkSpec smaller = new NetworkSpec(base.name(), base.pool(), base.subnetLength(), base.backend(), 1400,
                    base.ipMasq(), base.runtime());
            List<HostSpec> hosts = new ArrayList<>(first.hosts());
            HostSpec moved = hosts.get(2);
            hosts.set(2, new HostSpec(moved.name(), Ipv4.parse("192.0.2.33"), moved.root(), moved.lease(),
                    moved.mac(), moved.facts()));
            HostPlan update = converge(host, new Overlay(smaller, hosts), 0);
            assertTrue(update.changes().stream().anyMatch(c -> c.action() == Action.UPDATE
                    && c.after() instanceof Link l && l.mtu() == 1400), update.changes()::toString);
            assertTrue(lab.in("ovk-upd-a", "ip", "link", "show", "flannel.1").contains("mtu 1400"));
            assertTrue(lab.in("ovk-upd-a", "bridge", "fdb", "show", "dev", "flannel.1")
                    .contains(moved.mac() + " dst 192.0.2.33 self permanent"));

            // another dstport cannot be changed in place: the device is deleted and added again
            Backend b = base.backend();
            NetworkSpec otherPort = new NetworkSpec(base.name(), base.pool(), base.subnetLength(),
                    new Backend(b.type(), b.vni(), 4789, b.directRouting()), null, base.ipMasq(), base.runtime());
            HostPlan replace = converge(host, new Overlay(otherPort, first.hosts()), 0);
            assertTrue(replace.changes().stream().anyMatch(c -> c.action() == Action.REPLACE),
                    replace.changes()::toString);
            assertTrue(lab.in("ovk-upd-a", "ip", "-d", "link", "show", "flannel.1").contains("dstport 4789"));
        }
    }

    /**
     * Refreshes, plans and applies until the host holds exactly the desired objects (at most twice: objects that
     * lived on a recreated device are gone with it and come back with the next plan); returns the first plan.
     */
    private static HostPlan converge(LinuxHost host, Overlay overlay, int index) {
        DesiredHost desired = overlay.desired(index);
        HostPlan first = null;
        for (int round = 0; round < 2; round++) {
            HostReading now = host.read(overlay.request(index));
            HostPlan plan = Differ.diff(host.name(), new ObjectSet.Listed(now.objects()),
                    new ObjectSet.Derived(desired), null);
            first = first == null ? plan : first;
            ApplyResult result = host.apply(plan, ApplyListener.NONE);
            assertNull(result.failure());
        }
        assertEquals(sorted(desired.allObjects()), sorted(host.read(overlay.request(index)).objects()));
        return first;
    }

    @Test
    void vxlanPeersReachEachOtherThroughTheOverlay() {
        try (NetnsLab lab = NetnsLab.of("ovk-ping-a", "ovk-ping-b");
                LinuxHost a = new LinuxHost("node-1", lab.transport("ovk-ping-a"), NetnsLab.NO_FORWARDER);
                LinuxHost b = new LinuxHost("node-2", lab.transport("ovk-ping-b"), NetnsLab.NO_FORWARDER)) {
            Overlay overlay = Overlay.of(Overlay.network(BackendType.VXLAN, false), 2, lab, FACTS);
            List<LinuxHost> hosts = List.of(a, b);
            for (int i = 0; i < 2; i++) {
                LinuxHost host = hosts.get(i);
                HostReading now = host.read(overlay.request(i));
                HostPlan plan = Differ.diff(host.name(), new ObjectSet.Listed(now.objects()),
                        new ObjectSet.Derived(overlay.desired(i)), null);
                assertTrue(host.apply(plan, ApplyListener.NONE).ok());
            }
            // 10.100.2.0 is node-2's flannel.1 address: the only way there is the vxlan device
            assertTrue(lab.tryIn("ovk-ping-a", "ping", "-c", "2", "-W", "2", "10.100.2.0").ok(), "ping over vxlan");
            String route = lab.in("ovk-ping-a", "ip", "route", "get", "10.100.2.0");
            assertTrue(route.contains("dev flannel.1"), route);
        }
    }

    @Test
    void hostGwRoutesPointAtPeersOnTheUnderlay() {
        try (NetnsLab lab = NetnsLab.of("ovk-gw-a", "ovk-gw-b");
                LinuxHost host = new LinuxHost("node-1", lab.transport("ovk-gw-a"),
                        NetnsLab.NO_FORWARDER)) {
            String pristine = lab.listings("ovk-gw-a");
            Overlay overlay = Overlay.of(Overlay.network(BackendType.HOST_GW, false), 3, lab, FACTS);
            HostReading now = host.read(overlay.request(0));
            DesiredHost desired = overlay.desired(0);
            HostPlan plan = Differ.diff("node-1", new ObjectSet.Listed(now.objects()), new ObjectSet.Derived(desired),
                    null);
            assertTrue(host.apply(plan, ApplyListener.NONE).ok());
            assertEquals(sorted(desired.allObjects()), sorted(host.read(overlay.request(0)).objects()));
            String routes = lab.in("ovk-gw-a", "ip", "route", "show");
            assertTrue(routes.contains("10.100.2.0/24 via 192.0.2.2 dev eth0 proto 152 \n")
                    && routes.contains("10.100.3.0/24 via 192.0.2.3 dev eth0 proto 152 \n"), routes);

            HostReading built = host.read(overlay.request(0));
            HostPlan destroy = Differ.diff("node-1", new ObjectSet.Listed(built.objects()), ObjectSet.NONE, null);
            assertTrue(host.apply(destroy, ApplyListener.NONE).ok());
            assertEquals(pristine, lab.listings("ovk-gw-a"));
        }
    }

    @Test
    void udpHostGetsItsTunDevicePoolRouteAndPeerTable() {
        try (NetnsLab lab = NetnsLab.of("ovk-udp-a", "ovk-udp-b");
                LinuxHost host = new LinuxHost("node-1", lab.transport("ovk-udp-a"),
                        NetnsLab.NO_FORWARDER)) {
            String pristine = lab.listings("ovk-udp-a");
            Overlay overlay = Overlay.of(Overlay.network(BackendType.UDP, false), 2, lab, FACTS);
            HostReading now = host.read(overlay.request(0));
            DesiredHost desired = overlay.desired(0);
            // the forwarder is another component's (NetnsLab.NO_FORWARDER reads none and refuses to start one):
            // the plan holds everything else, and everything else is there after it
            List<KernelObject> kernelSide = new ArrayList<>(desired.allObjects());
            kernelSide.removeIf(o -> o instanceof Forwarder);
            HostPlan plan = Differ.diff("node-1", new ObjectSet.Listed(now.objects()),
                    new ObjectSet.Listed(kernelSide), null);
            assertTrue(host.apply(plan, ApplyListener.NONE).ok());

            HostReading built = host.read(overlay.request(0));
            assertEquals(sorted(kernelSide), sorted(built.objects()));
            String tun = lab.in("ovk-udp-a", "ip", "-d", "link", "show", "flannel0");
            assertTrue(tun.contains("mtu 1472") && tun.contains("tun type tun pi off"), tun);
            String routes = lab.in("ovk-udp-a", "ip", "route", "show");
            assertTrue(routes.contains("10.100.0.0/16 dev flannel0 proto 152 scope link linkdown \n"), routes);

            HostPlan destroy = Differ.diff("node-1", new ObjectSet.Listed(built.objects()), ObjectSet.NONE, null);
            assertTrue(host.apply(destroy, ApplyListener.NONE).ok());
            assertEquals(pristine, lab.listings("ovk-udp-a"));
        }
    }

    @Test
    void aFailingChangeStopsTheApplyAndNamesTheCommandAndTheKernelsMessage() {
        try (NetnsLab lab = NetnsLab.of("ovk-fail-a", "ovk-fail-b");
                LinuxHost host = new LinuxHost("node-1", lab.transport("ovk-fail-a"),
                        NetnsLab.NO_FORWARDER)) {
            Route first = new Route(Cidr.parse("10.100.5.0/24"), Ipv4.parse("192.0.2.5"), "eth0", false);
            Route broken = new Route(Cidr.parse("10.100.6.0/24"), Ipv4.parse("192.0.2.6"), "nosuch", false);
            Route third = new Route(Cidr.parse("10.100.7.0/24"), Ipv4.parse("192.0.2.7"), "eth0", false);
            Overlay overlay = Overlay.of(Overlay.network(BackendType.VXLAN, false), 2, lab, FACTS);
            List<Change> changes = new ArrayList<>();
            for (KernelObject o : overlay.desired(0).allObjects()) {
                if (!(o instanceof Route)) {
                    changes.add(new Change.Create(o));
                }
            }
            changes.addAll(List.of(new Change.Create(first), new Change.Create(broken), new Change.Create(third)));
            changes.sort(Comparator.comparing(Change::key));
            HostPlan plan = new HostPlan("node-1", changes, PeerDelta.NONE, null);

            ApplyResult result = host.apply(plan, ApplyListener.NONE);
            List<Change> expected = new ArrayList<>();
            for (Change c : inApplyOrder(plan)) {
                if (c.after() == broken) {
                    break;
                }
                expected.add(c);
            }
            assertEquals(expected, result.applied());
            assertEquals("ip route replace 10.100.6.0/24 via 192.0.2.6 dev nosuch proto 152",
                    result.failure().command());
            assertEquals("Cannot find device \"nosuch\"", result.failure().detail());
            assertEquals("node-1", result.failure().host());
            String routes = lab.in("ovk-fail-a", "ip", "route", "show", "proto", "152");
            assertTrue(routes.contains("10.100.5.0/24") && !routes.contains("10.100.7.0/24"), routes);
            assertTrue(result.applied().stream().allMatch(c -> c.action() == Action.CREATE));
        }
    }

    static List<Change> inApplyOrder(HostPlan plan) {
        List<Change> all = new ArrayList<>();
        plan.forEachInApplyOrder(all::add);
        return all;
    }

    static List<KernelObject> sorted(List<KernelObject> objects) {
        List<KernelObject> out = new ArrayList<>(objects);
        out.sort(Comparator.comparing(KernelObject::key));
        return out;
    }

    static List<String> describe(List<KernelObject> objects) {
        return objects.stream().map(KernelObject::describe).toList();
    }

    static List<String> describe(HostPlan plan) {
        List<String> out = new ArrayList<>();
        plan.forEachChange(c -> out.add(c.action().symbol() + " "
                + (c.after() != null ? c.after() : c.before()).describe()));
        return out;
    }

    /** Records progress calls. */
    static final class Recorder implements ApplyListener {
        final List<String> steps = new ArrayList<>();
        long lastDone = -1;

        @Override
        public void hostProgress(String host, long done, long total, String step) {
            steps.add(step);
            lastDone = done;
        }
    }

}
