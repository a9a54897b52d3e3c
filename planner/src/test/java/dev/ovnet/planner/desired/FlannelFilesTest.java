package dev.ovnet.planner.desired;

import static dev.ovnet.planner.testing.MiniJson.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.testing.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime files byte for byte against flannel's own outputs (docs/flannel-compatibility.md, the seed lab). */
class FlannelFilesTest {

    @Test
    void subnetEnvMatchesTheSeedLabsFile() {
        // node-2 of the seed lab (host-gw, flannel 0.10, no --ip-masq)
        assertEquals("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.50.1/24\nFLANNEL_MTU=1500\n"
                + "FLANNEL_IPMASQ=false\n", FlannelFiles.subnetEnv(Cidr.parse("10.100.0.0/16"),
                        Cidr.parse("10.100.50.0/24"), 1500, false));
        assertEquals("FLANNEL_NETWORK=10.101.0.0/16\nFLANNEL_SUBNET=10.101.83.1/24\nFLANNEL_MTU=1472\n"
                + "FLANNEL_IPMASQ=false\n", FlannelFiles.subnetEnv(Cidr.parse("10.101.0.0/16"),
                        Cidr.parse("10.101.83.0/24"), 1472, false));
    }

    @Test
    void flannelSubnetIsTheLeasesFirstAddressWithItsPrefix() {
        assertEquals("10.100.50.1/24", FlannelFiles.flannelSubnet(Cidr.parse("10.100.50.0/24")));
        assertEquals("10.0.0.5/30", FlannelFiles.flannelSubnet(Cidr.parse("10.0.0.4/30")));
    }

    /** flannel's golden test of mk-docker-opts.sh: sample_subnet.env (10.1.74.1/24, MTU 1472, IPMASQ false). */
    @Test
    void dockerOptsMatchMkDockerOptsGoldenOutput() {
        assertEquals("DOCKER_OPT_BIP=\"--bip=10.1.74.1/24\"\n"
                + "DOCKER_OPT_IPMASQ=\"--ip-masq=true\"\n"
                + "DOCKER_OPT_MTU=\"--mtu=1472\"\n"
                + "DOCKER_OPTS=\" --bip=10.1.74.1/24 --ip-masq=true --mtu=1472\"\n",
                FlannelFiles.dockerOpts(Cidr.parse("10.1.74.0/24"), 1472, false));
    }

    @Test
    void dockerOptsMatchTheSeedLabAndInvertIpMasq() {
        assertEquals("DOCKER_OPT_BIP=\"--bip=10.100.50.1/24\"\n"
                + "DOCKER_OPT_IPMASQ=\"--ip-masq=true\"\n"
                + "DOCKER_OPT_MTU=\"--mtu=1500\"\n"
                + "DOCKER_OPTS=\" --bip=10.100.50.1/24 --ip-masq=true --mtu=1500\"\n",
                FlannelFiles.dockerOpts(Cidr.parse("10.100.50.0/24"), 1500, false));
        assertEquals(SpecExample.dockerOpts(1450), FlannelFiles.dockerOpts(Cidr.parse("10.100.50.0/24"), 1450, true));
    }

    @Test
    void cniConflistIsJsonWithTheSpecsFields() {
        Object conf = MiniJson.parse(FlannelFiles.cniConflist("demo", Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.50.0/24"), 1450, true));
        assertEquals(List.of("cniVersion", "name", "plugins"), List.copyOf(((Map<?, ?>) conf).keySet()));
        assertEquals("1.0.0", at(conf, "cniVersion"));
        assertEquals("demo", at(conf, "name"));
        assertEquals(2, ((List<?>) at(conf, "plugins")).size());
        Object bridge = at(conf, "plugins", 0);
        assertEquals("bridge", at(bridge, "type"));
        assertEquals("cni0", at(bridge, "bridge"));
        assertEquals(true, at(bridge, "isGateway"));
        assertEquals(true, at(bridge, "isDefaultGateway"));
        assertEquals(true, at(bridge, "hairpinMode"));
        assertEquals(false, at(bridge, "ipMasq"));
        assertEquals(1450L, at(bridge, "mtu"));
        assertEquals("host-local", at(bridge, "ipam", "type"));
        assertEquals(List.of(List.of(Map.of("subnet", "10.100.50.0/24"))), at(bridge, "ipam", "ranges"));
        assertEquals(List.of(Map.of("dst", "10.100.0.0/16", "gw", "10.100.50.1")), at(bridge, "ipam", "routes"));
        Object portmap = at(conf, "plugins", 1);
        assertEquals("portmap", at(portmap, "type"));
        assertEquals(Map.of("portMappings", true), at(portmap, "capabilities"));
    }

    @Test
    void cniBridgeMasqueradesExactlyWhenOvnetDoesNot() {
        Object conf = MiniJson.parse(FlannelFiles.cniConflist("default", Cidr.parse("10.1.0.0/16"),
                Cidr.parse("10.1.74.0/24"), 1472, false));
        assertEquals(true, at(conf, "plugins", 0, "ipMasq"));
        assertEquals(1472L, at(conf, "plugins", 0, "mtu"));
        assertEquals("10.1.74.1", at(conf, "plugins", 0, "ipam", "routes", 0, "gw"));
    }

    @Test
    void theJsonCheckerRefusesMalformedJson() {
        for (String bad : List.of("{", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "{\"a\":tru}", "{\"a\":1}x",
                "{\"a\":1,\"a\":2}", "{'a':1}", "[01]", "\"\\x\"", "{\"a\":\"\n\"}")) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
        }
        assertEquals(Map.of("a", List.of(1L, -2.5, "x\"y", true, false)),
                MiniJson.parse(" {\"a\" : [1, -2.5e0, \"x\\\"y\", true, false]} "));
        assertEquals(null, MiniJson.parse("null"));
    }
}
