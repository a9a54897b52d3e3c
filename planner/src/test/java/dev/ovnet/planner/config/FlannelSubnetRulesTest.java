package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * flannel's SubnetLen, SubnetMin and SubnetMax rules (docs/flannel-compatibility.md), with its own worked examples: the
 * defaults ovnet fills in must be the ones flanneld would compute for the same Network.
 */
class FlannelSubnetRulesTest {

    @ParameterizedTest(name = "{0} gives /{1} from {2} to {3}")
    @CsvSource({
        "10.3.0.0/16, 24, 10.3.1.0, 10.3.255.0",      // flannel's config_test worked example
        "10.3.0.0/23, 25, 10.3.0.128, 10.3.1.128",    // /23 to /28: prefix + 2
        "10.3.0.0/28, 30, 10.3.0.4, 10.3.0.12",
        "10.3.0.0/24, 26, 10.3.0.64, 10.3.0.192",
        "10.0.0.0/22, 24, 10.0.1.0, 10.0.3.0",        // /22 or larger: 24
        "10.0.0.0/8, 24, 10.0.1.0, 10.255.255.0",
        "172.16.0.0/12, 24, 172.16.1.0, 172.31.255.0"})
    void defaultsFollowFlannel(String pool, int length, String min, String max) {
        NetworkConfig config = withNetwork("  pool: " + pool + "\n");
        assertEquals(length, config.subnetLength());
        assertEquals(Ipv4.parse(min), config.subnetMin());
        assertEquals(Ipv4.parse(max), config.subnetMax());
    }

    @Test
    void aPoolSmallerThanSlash28IsRefusedAsFlannelDoes() {
        ConfigException thrown = assertThrows(ConfigException.class,
                () -> withNetwork("  pool: 10.3.0.0/29\n"));
        assertEquals(List.of(new Problem("ovnet.yaml", 2, 9,
                "network.pool 10.3.0.0/29 is too small: the smallest pool is a /28",
                "use a /28 or a larger pool, e.g. 10.3.0.0/28, which leases 3 subnets of /30 (the pool's first subnet is never leased)")), thrown.problems());
    }

    @Test
    void explicitRangeIsRespected() {
        NetworkConfig config = withNetwork("""
                  pool: 10.3.0.0/16
                  subnetLength: 28
                  subnetMin: 10.3.5.0
                  subnetMax: 10.3.8.0
                """);
        assertEquals(28, config.subnetLength());
        assertEquals(Ipv4.parse("10.3.5.0"), config.subnetMin());
        assertEquals(Ipv4.parse("10.3.8.0"), config.subnetMax());
    }

    @Test
    void onlyOneBoundGivenKeepsTheOtherDefault() {
        NetworkConfig config = withNetwork("  pool: 10.3.0.0/16\n  subnetMax: 10.3.9.0\n");
        assertEquals(Ipv4.parse("10.3.1.0"), config.subnetMin());
        assertEquals(Ipv4.parse("10.3.9.0"), config.subnetMax());
        config = withNetwork("  pool: 10.3.0.0/16\n  subnetMin: 10.3.0.0\n");
        assertEquals(Ipv4.parse("10.3.0.0"), config.subnetMin());
        assertEquals(Ipv4.parse("10.3.255.0"), config.subnetMax());
    }

    @ParameterizedTest(name = "pool /16 with subnetLength {0}")
    @CsvSource({"18", "24", "30"})
    void explicitLengthFromPrefixPlusTwoToThirtyIsAccepted(int length) {
        assertEquals(length, withNetwork("  pool: 10.3.0.0/16\n  subnetLength: " + length + "\n").subnetLength());
    }

    @ParameterizedTest(name = "pool /16 with subnetLength {0}")
    @CsvSource({"0", "8", "16", "17", "31", "32"})
    void explicitLengthOutsideFlannelsLimitsIsRefused(int length) {
        ConfigException thrown = assertThrows(ConfigException.class,
                () -> withNetwork("  pool: 10.3.0.0/16\n  subnetLength: " + length + "\n"));
        assertEquals(1, thrown.problems().size());
        assertEquals(3, thrown.problems().get(0).line());
    }

    @Test
    void aPoolHoldsExactlyTheSubnetsFromMinToMax() {
        String pool = "  pool: 10.3.0.0/28\n";
        NetworkConfig three = parse("network:\n" + pool + "hosts:\n" + hosts(3));
        assertEquals(3, three.hosts().size());
        ConfigException four = assertThrows(ConfigException.class,
                () -> parse("network:\n" + pool + "hosts:\n" + hosts(4)));
        assertEquals(List.of(new Problem("ovnet.yaml", 2, 9, "network.pool 10.3.0.0/28 has room for 3 subnets of /30"
                + " (10.3.0.4 to 10.3.0.12), but there are 4 hosts",
                "use a larger pool such as 10.3.0.0/27 with subnetLength: 30")), four.problems());
    }

    @Test
    void tooManyHostsForTheRangeSuggestsWhatWouldFit() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  pool: 10.3.0.0/16
                  subnetMin: 10.3.1.0
                  subnetMax: 10.3.2.0
                hosts:
                """ + hosts(3)));
        assertEquals("network.pool 10.3.0.0/16 has room for 2 subnets of /24 (10.3.1.0 to 10.3.2.0), but there are"
                + " 3 hosts", thrown.problems().get(0).message());
        assertEquals("use a wider range from subnetMin to subnetMax", thrown.problems().get(0).hint());
    }

    @Test
    void tooManyHostsForAnExplicitLengthSuggestsALargerPoolOrALongerLength() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  pool: 10.3.0.0/24
                  subnetLength: 26
                hosts:
                """ + hosts(4)));
        assertEquals("network.pool 10.3.0.0/24 has room for 3 subnets of /26 (10.3.0.64 to 10.3.0.192), but there"
                + " are 4 hosts", thrown.problems().get(0).message());
        assertEquals("use a larger pool such as 10.3.0.0/23, or subnetLength: 27", thrown.problems().get(0).hint());
    }

    @Test
    void defaultLengthTable() {
        assertEquals(24, SubnetRules.defaultLength(0));
        assertEquals(24, SubnetRules.defaultLength(22));
        assertEquals(25, SubnetRules.defaultLength(23));
        assertEquals(30, SubnetRules.defaultLength(28));
        assertEquals(-1, SubnetRules.defaultLength(29));
        assertEquals(-1, SubnetRules.defaultLength(32));
    }

    private static String hosts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "  - {name: n" + i + ", address: 192.0.2." + (10 + i) + "}\n")
                .collect(Collectors.joining());
    }

    private static NetworkConfig withNetwork(String lines) {
        return parse("network:\n" + lines + "hosts:\n  - {name: node-1, address: 192.0.2.11}\n");
    }
}
