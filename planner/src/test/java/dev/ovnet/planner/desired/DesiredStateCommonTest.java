package dev.ovnet.planner.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every backend gets (docs/backends.md, "All backends"): sysctl, iptables chains, files, MTU, roots. */
class DesiredStateCommonTest {

    @ParameterizedTest
    @EnumSource(BackendType.class)
    void everyBackendTurnsOnForwardingAndAcceptsThePoolInItsOwnFilterChain(BackendType type) {
        DesiredHost host = SpecExample.desired(type);
        assertEquals(new Sysctl("net.ipv4.ip_forward", "1"), host.hostObjects().get(0));
        assertEquals(List.of(SpecExample.forwardChain(), SpecExample.masqueradeChain(true)), chains(host));
    }

    @Test
    void masqueradeRulesFollowFlannelsOrderAndDropRandomFullyWhereUnsupported() {
        HostSpec old = SpecExample.node2(BackendType.HOST_GW);
        HostSpec noRandom = old.withFacts(new HostFacts("ens33", 1500, old.facts().segment(), false, false));
        DesiredHost host = DesiredState.forHost(SpecExample.network(BackendType.HOST_GW), noRandom,
                SpecExample.peers(BackendType.HOST_GW));
        IptablesChain masq = chains(host).get(1);
        assertEquals(SpecExample.masqueradeChain(false), masq);
        // flannel's order: mark return; S->N, N->S, !N->S return; N->!multicast, !N->N masquerade
        List<String> shapes = masq.rules().stream()
                .map(r -> r.replace("10.100.50.0/24", "S").replace("10.100.0.0/16", "N")
                        .replace(" -m comment --comment \"ovnet masq\"", "").replace("-A OVNET-POSTRTG ", ""))
                .toList();
        assertEquals(List.of("-m mark --mark 0x4000/0x4000 -j RETURN", "-s S -d N -j RETURN", "-s N -d S -j RETURN",
                "! -s N -d S -j RETURN", "-s N ! -d 224.0.0.0/4 -j MASQUERADE", "! -s N -d N -j MASQUERADE"), shapes);
    }

    @Test
    void withoutIpMasqThereIsNoNatChainAndTheRuntimeMasqueradesInstead() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN)).ipMasq(false).build();
        DesiredHost host = forNode2(config);
        assertEquals(List.of(SpecExample.forwardChain()), chains(host));
        assertEquals("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.50.1/24\nFLANNEL_MTU=1450\n"
                + "FLANNEL_IPMASQ=false\n", file(host, "/run/flannel/subnet.env"));
        assertTrue(file(host, "/run/docker_opts.env").contains("DOCKER_OPT_IPMASQ=\"--ip-masq=true\"\n"));
    }

    @Test
    void subnetEnvIsByteExact() {
        assertEquals("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.50.1/24\nFLANNEL_MTU=1450\n"
                + "FLANNEL_IPMASQ=true\n", file(SpecExample.desired(BackendType.VXLAN), "/run/flannel/subnet.env"));
    }

    @Test
    void autoMtuIsTheUnderlayMinusTheBackendsOverhead() {
        HostSpec jumbo = SpecExample.node2(BackendType.VXLAN)
                .withFacts(Fixtures.facts("ens33", 9000, "172.16.112.0/24"));
        assertEquals(8950, mtuOf(BackendType.VXLAN, null, jumbo));
        assertEquals(9000, mtuOf(BackendType.HOST_GW, null, jumbo));
        assertEquals(8972, mtuOf(BackendType.UDP, null, jumbo));
        assertEquals(1450, mtuOf(BackendType.VXLAN, null, SpecExample.node2(BackendType.VXLAN)));
        assertEquals(1500, mtuOf(BackendType.HOST_GW, null, SpecExample.node2(BackendType.VXLAN)));
        assertEquals(1472, mtuOf(BackendType.UDP, null, SpecExample.node2(BackendType.VXLAN)));
    }

    @Test
    void explicitMtuIsWhatContainersAndTheDeviceGetWhateverTheUnderlay() {
        HostSpec jumbo = SpecExample.node2(BackendType.VXLAN)
                .withFacts(Fixtures.facts("ens33", 9000, "172.16.112.0/24"));
        assertEquals(1400, mtuOf(BackendType.VXLAN, 1400, jumbo));
        assertEquals(1400, mtuOf(BackendType.UDP, 1400, jumbo));
        assertEquals(1400, mtuOf(BackendType.HOST_GW, 1400, jumbo));
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN)).mtu(1400).build();
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), jumbo, SpecExample.peers(BackendType.VXLAN));
        assertEquals(1400, ((Link) host.hostObjects().get(1)).mtu());
        assertTrue(file(host, "/run/docker_opts.env").contains("--mtu=1400\"\n"));
    }

    @Test
    void runtimeNoneWritesOnlySubnetEnv() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN))
                .runtime(ContainerRuntime.NONE).build();
        assertEquals(List.of("/run/flannel/subnet.env"), files(forNode2(config)));
    }

    @Test
    void runtimeCniWritesTheConflistInsteadOfDockerOpts() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN))
                .runtime(ContainerRuntime.CNI).build();
        DesiredHost host = forNode2(config);
        assertEquals(List.of("/etc/cni/net.d/10-ovnet.conflist", "/run/flannel/subnet.env"), files(host));
        assertEquals(FlannelFiles.cniConflist("default", SpecExample.POOL, SpecExample.LEASE_2, 1450, true),
                file(host, "/etc/cni/net.d/10-ovnet.conflist"));
    }

    @ParameterizedTest
    @EnumSource(BackendType.class)
    void filesOfANetnsHostLiveUnderItsRoot(BackendType type) {
        HostSpec plain = SpecExample.node2(type);
        HostSpec netns = new HostSpec(plain.name(), plain.address(), "/run/ovnet/netns/node-2", plain.lease(),
                plain.mac(), plain.facts());
        DesiredHost host = DesiredState.forHost(SpecExample.network(type), netns, SpecExample.peers(type));
        List<String> expected = new ArrayList<>(List.of("/run/ovnet/netns/node-2/run/docker_opts.env",
                "/run/ovnet/netns/node-2/run/flannel/subnet.env"));
        if (type == BackendType.UDP) {
            expected.add("/run/ovnet/netns/node-2/run/ovnet/flannel0.peers");
            Forwarder f = (Forwarder) host.hostObjects().get(host.hostObjects().size() - 1);
            assertEquals("/run/ovnet/netns/node-2/run/ovnet/flannel0.peers", f.peerFile());
        }
        assertEquals(expected, files(host));
        assertEquals(SpecExample.subnetEnv(DesiredState.overlayMtu(SpecExample.network(type), plain.facts())),
                file(host, "/run/ovnet/netns/node-2/run/flannel/subnet.env"));
    }

    @Test
    void rootsWithAndWithoutATrailingSlashGiveOnePath() {
        assertEquals("/run/flannel/subnet.env", FlannelFiles.under("/", FlannelFiles.SUBNET_ENV));
        assertEquals("/srv/h1/run/flannel/subnet.env", FlannelFiles.under("/srv/h1", FlannelFiles.SUBNET_ENV));
        assertEquals("/srv/h1/run/flannel/subnet.env", FlannelFiles.under("/srv/h1/", FlannelFiles.SUBNET_ENV));
    }

    @Test
    void theHostIsNeverItsOwnPeerAndPeersKeepSubnetOrder() {
        DesiredHost host = SpecExample.desired(BackendType.HOST_GW);
        assertEquals(List.of("node-1", "node-3"), host.peers().stream().map(PeerEntry::host).toList());
        HostSpec stranger = new HostSpec("node-9", SpecExample.ADDRESS_2, "/", SpecExample.LEASE_2, null,
                SpecExample.node2(BackendType.HOST_GW).facts());
        DesiredHost other = DesiredState.forHost(SpecExample.network(BackendType.HOST_GW), stranger,
                SpecExample.peers(BackendType.HOST_GW));
        assertEquals(3, other.peers().size());
        assertFalse(host.peers().contains(SpecExample.peers(BackendType.HOST_GW).get(1)));
    }

    @Test
    void hostObjectsAreSortedByKeyAndAllObjectsPutPeersLast() {
        for (BackendType type : BackendType.values()) {
            DesiredHost host = SpecExample.desired(type);
            List<KernelObject> sorted = new ArrayList<>(host.hostObjects());
            sorted.sort((a, b) -> a.key().compareTo(b.key()));
            assertEquals(sorted, host.hostObjects());
            List<KernelObject> all = host.allObjects();
            assertEquals(host.hostObjects(), all.subList(0, host.hostObjects().size()));
            assertEquals(DesiredStateBackendTest.peerObjects(host), all.subList(host.hostObjects().size(), all.size()));
        }
    }

    private static DesiredHost forNode2(NetworkConfig config) {
        BackendType type = config.backend().type();
        return DesiredState.forHost(NetworkSpec.of(config), SpecExample.node2(type), SpecExample.peers(type));
    }

    private static int mtuOf(BackendType type, Integer mtu, HostSpec self) {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(type)).mtu(mtu).build();
        HostSpec spec = type == BackendType.VXLAN ? self
                : new HostSpec(self.name(), self.address(), self.root(), self.lease(), null, self.facts());
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), spec, SpecExample.peers(type));
        String env = file(host, "/run/flannel/subnet.env");
        int fromEnv = Integer.parseInt(env.replaceAll("(?s).*FLANNEL_MTU=(\\d+)\n.*", "$1"));
        for (KernelObject o : host.hostObjects()) {
            if (o instanceof Link link) {
                assertEquals(fromEnv, link.mtu(), "device MTU and FLANNEL_MTU agree");
            }
        }
        assertEquals(fromEnv, DesiredState.overlayMtu(NetworkSpec.of(config), spec.facts()));
        return fromEnv;
    }

    static List<IptablesChain> chains(DesiredHost host) {
        return host.hostObjects().stream().filter(IptablesChain.class::isInstance).map(IptablesChain.class::cast)
                .toList();
    }

    static List<String> files(DesiredHost host) {
        return host.hostObjects().stream().filter(FileObject.class::isInstance).map(o -> ((FileObject) o).path())
                .toList();
    }

    static String file(DesiredHost host, String path) {
        for (KernelObject o : host.hostObjects()) {
            if (o instanceof FileObject f && f.path().equals(path)) {
                assertEquals(0644, f.mode(), path);
                return f.content();
            }
        }
        throw new AssertionError("no file " + path + " among " + files(host));
    }
}
