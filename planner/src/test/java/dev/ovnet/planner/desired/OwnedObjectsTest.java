package dev.ovnet.planner.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What ovnet accepts back from a state or a saved plan's readings as one of its own objects on a host. */
class OwnedObjectsTest {

    private static final String ROOT = "/run/ovnet/netns/ovtt-a";

    @Test
    void everyObjectOvnetMakesIsItsOwnForEveryBackendAndRuntime() {
        for (BackendType type : BackendType.values()) {
            for (ContainerRuntime runtime : ContainerRuntime.values()) {
                NetworkSpec base = SpecExample.network(type);
                NetworkSpec network = new NetworkSpec(base.name(), base.pool(), base.subnetLength(), base.backend(),
                        base.mtu(), base.ipMasq(), runtime);
                HostSpec self = SpecExample.node2(type);
                HostSpec rooted = new HostSpec(self.name(), self.address(), ROOT, self.lease(), self.mac(),
                        self.facts());
                List<KernelObject> all = DesiredState.forHost(network, rooted, SpecExample.peers(type)).allObjects();
                assertEquals(Optional.empty(), OwnedObjects.firstForeign("node-2", all, List.of(ROOT)),
                        type + " " + runtime);
            }
        }
    }

    @Test
    void aFileOutsideTheRootOrNotOneOfOvnetsNamesIsRefusedNamingTheHostAndTheFile() {
        List<KernelObject> objects = new ArrayList<>(SpecExample.desired(BackendType.VXLAN).hostObjects());
        objects.add(new FileObject("/etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644));
        Optional<OwnedObjects.Foreign> foreign = OwnedObjects.firstForeign("node-2", objects, List.of("/"));
        assertTrue(foreign.isPresent());
        assertEquals(objects.size() - 1, foreign.get().index());
        String message = foreign.get().message();
        assertTrue(message.contains("host node-2") && message.contains("/etc/passwd")
                && message.contains("run/flannel/subnet.env") && message.contains("root /"), message);

        assertRefused(new FileObject("/run/flannel/subnet.env", "x", 0644), ROOT);
        assertRefused(new FileObject(ROOT + "/run/flannel/other.env", "x", 0644), ROOT);
        assertRefused(new FileObject(ROOT + "/run/flannel/subnet.env", "x", 0644), null);
    }

    @Test
    void aChainThatIsNotOvnetsOrJumpsFromElsewhereIsRefused() {
        IptablesChain own = IptablesRules.forward(Cidr.parse("10.100.0.0/16"));
        assertEquals(Optional.empty(), OwnedObjects.problem(own, List.of("/")));
        assertRefused(new IptablesChain("filter", "DOCKER", "FORWARD", "-A FORWARD -j DOCKER", List.of()), "/");
        assertRefused(new IptablesChain("filter", own.chain(), "INPUT", own.jumpRule(), own.rules()), "/");
        assertRefused(new IptablesChain("nat", own.chain(), own.hook(), own.jumpRule(), own.rules()), "/");
        assertRefused(new IptablesChain("filter", own.chain(), own.hook(), "-A FORWARD -j DROP", own.rules()), "/");
        assertRefused(new IptablesChain("filter", own.chain(), own.hook(), own.jumpRule() + "\n-A INPUT -j "
                + own.chain(), own.rules()), "/");
        for (String read : List.of("", own.jumpRule() + "\n-A FORWARD -i eth0 -j " + own.chain())) {
            assertEquals(Optional.empty(), OwnedObjects.problem(new IptablesChain("filter", own.chain(), own.hook(),
                    read, own.rules()), List.of("/")), "jumps as refresh reads them: none, or several");
        }
        assertRefused(new IptablesChain("filter", own.chain(), own.hook(), own.jumpRule(),
                List.of("-A INPUT -j DROP")), "/");
    }

    @Test
    void devicesForwardersAndSysctlsOtherThanOvnetsAreRefusedAndItsRoutesPass() {
        Mac mac = Mac.parse("e6:13:f8:89:3d:3b");
        Ipv4 ip = Ipv4.parse("192.0.2.1");
        assertRefused(Link.vxlan("eth0", 1, ip, "eth1", 8472, 1450, mac), "/");
        assertEquals(Optional.empty(), OwnedObjects.problem(new Link("flannel.1", "dummy", null, null, null, null,
                1500, null), List.of("/")), "found with another type, a device of ovnet's name is still ovnet's");
        assertRefused(Link.vxlan("flannel.016", 16, ip, "eth1", 8472, 1450, mac), "/");
        assertRefused(new Address("eth0", Cidr.parse("192.0.2.1/32")), "/");
        assertRefused(new FdbEntry(mac, "docker0", ip), "/");
        assertRefused(new Sysctl("kernel.core_pattern", "|/tmp/x"), "/");
        assertRefused(new Forwarder("flannel0", ip, 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), "/etc/shadow", 0), "/");
        assertEquals(Optional.empty(), OwnedObjects.problem(Link.vxlan("flannel.16777215", 16_777_215, ip, "eth1",
                8472, 1450, mac), List.of("/")));
        assertEquals(Optional.empty(), OwnedObjects.problem(new Route(Cidr.parse("10.100.1.0/24"), ip, "eth1", false),
                List.of("/")));
    }

    private static void assertRefused(KernelObject object, String root) {
        List<String> roots = new ArrayList<>();
        roots.add(root);
        Optional<OwnedObjects.Foreign> foreign = OwnedObjects.firstForeign("h", List.of(object), roots);
        assertTrue(foreign.isPresent(), () -> object + " was taken for ovnet's own");
        assertTrue(foreign.get().message().contains(object.describe()), foreign.get().message());
    }
}
