package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ovnet over SSH, end to end (issue 5): three simulated hosts, each a network namespace running Debian's real
 * sshd on its underlay address with its own host key and its own /run and /etc ({@link SshDaemon}), and ovnet
 * running in a controller namespace on the same segment with {@code connection: ssh} for every host
 * ({@link SshHosts}). Checked the way a user checks it: {@code ovnet lab check} pings between containers that were
 * set up from the files ovnet wrote over SSH, kernel listings, exit codes and the per-host recap.
 *
 * <p>The lab and the daemons are shared by the tests (starting them costs seconds); every test starts from no
 * network: the one before it is destroyed (over SSH, with every daemon up) and its state file removed.
 * Needs openssh-server, sudo, iproute2, iptables and netcat.
 */
@Tag("ssh")
class SshIT {

    private static final String USER = "ovnet-e2e";
    private static final List<String> HOSTS = List.of("oss-a", "oss-b", "oss-c");

    private static SshHosts lab;
    private static Path knownHosts;
    private static String backend = "vxlan";

    @BeforeAll
    static void start() throws Exception {
        // the user and its sudoers drop-in must exist before the daemons mount their private /etc
        SshSudoUser.create(USER);
        lab = SshHosts.start("oss", new SshHosts.Host("oss-ctl", "192.0.2.10"), List.of(
                new SshHosts.Host("oss-a", "192.0.2.11"), new SshHosts.Host("oss-b", "192.0.2.12"),
                new SshHosts.Host("oss-c", "192.0.2.13")));
        knownHosts = lab.knownHosts("known_hosts");
    }

    @AfterEach
    void destroyWhatTheTestMade() throws Exception {
        lab.startAll();
        ovnet(0, yaml("root", false, knownHosts), "destroy", "--auto-approve");
        try (Stream<Path> files = Files.list(lab.dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("state.json")).toList()) {
                Files.delete(f);
            }
        }
        lab.removeContainers();
        backend = "vxlan";
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            SshSudoUser.remove(USER);
        }
    }

    private static Path yaml(String user, boolean sudo, Path known) throws IOException {
        return lab.write("ssh.yaml", lab.sshYaml(backend, user, sudo, known));
    }

    private static Ovnet.Result ovnet(int exit, Path yaml, String... args) {
        Ovnet.Result r = lab.ovnet(yaml, args);
        assertEquals(exit, r.exit(), () -> "ovnet " + String.join(" ", args) + " gave\n" + r);
        return r;
    }

    private static Path subnetEnv(String host) {
        return lab.root(host).resolve("run/flannel/subnet.env");
    }

    /** The recap line of a host: {@code [ok, changed, failed, unreachable]}. */
    private static int[] recap(Ovnet.Result r, String host) {
        Matcher m = Pattern.compile("(?m)^" + host + "\\s+: ok=(\\d+) changed=(\\d+) failed=(\\d+) unreachable=(\\d+) skipped=(\\d+) rolled_back=(\\d+)$")
                .matcher(r.out());
        assertTrue(m.find(), () -> "no recap line for " + host + " in\n" + r);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4))};
    }

    private static void assertDone(Ovnet.Result r, String host) {
        int[] line = recap(r, host);
        assertTrue(line[0] == 1 && line[1] > 0 && line[2] == 0 && line[3] == 0, () -> host + " not done in\n" + r);
    }

    private static void assertUnreachable(Ovnet.Result r, String host) {
        int[] line = recap(r, host);
        assertTrue(line[0] == 0 && line[1] == 0 && line[2] == 0 && line[3] == 1, () -> host + " not unreachable in\n"
                + r);
    }

    private static void assertReachable(int pairs) {
        Ovnet.Result check = lab.check();
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains(pairs + "/" + pairs + " pairs reachable"), check::toString);
    }

    private static String machineFile(String path) throws IOException {
        Path file = Path.of(path);
        return Files.exists(file) ? Files.readString(file) : "(none)";
    }

    @Test
    void vxlanAppliesRefreshesRepairsAndDestroysOverSsh() throws Exception {
        Map<String, String> before = new HashMap<>();
        HOSTS.forEach(h -> before.put(h, Lab.listings(h)));
        String machineEnv = machineFile("/run/flannel/subnet.env");
        String machineOpts = machineFile("/run/docker_opts.env");
        Path yaml = yaml("root", false, knownHosts);

        Ovnet.Result apply = ovnet(0, yaml, "apply", "--auto-approve");
        assertTrue(apply.out().contains("Apply complete!"), apply::toString);
        HOSTS.forEach(h -> assertDone(apply, h));
        // each host's files came through its own sshd into its own /run, not this machine's
        Set<String> subnets = new TreeSet<>();
        for (String h : HOSTS) {
            String env = Files.readString(subnetEnv(h));
            assertTrue(env.startsWith("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100."), env);
            subnets.add(env.lines().filter(l -> l.startsWith("FLANNEL_SUBNET=")).findFirst().orElseThrow());
            assertTrue(Files.readString(lab.root(h).resolve("run/docker_opts.env")).contains("DOCKER_OPTS="), h);
        }
        assertEquals(3, subnets.size(), subnets::toString);
        assertEquals(machineEnv, machineFile("/run/flannel/subnet.env"));
        assertEquals(machineOpts, machineFile("/run/docker_opts.env"));
        String link = Lab.in("oss-a", "ip", "-d", "link", "show", "flannel.1").out();
        assertTrue(link.contains("vxlan id 1 local 192.0.2.11 dev eth0") && link.contains("dstport 8472"), link);
        assertReachable(6);
        String c = Net.address("oss-c-c1");
        assertEquals("vxlan over ssh\n", Net.tcp("oss-a-c1", "oss-c-c1", c, "vxlan over ssh\n"));

        Ovnet.Result again = ovnet(0, yaml, "apply", "--auto-approve");
        assertTrue(again.out().contains("No changes."), again::toString);

        // drift made by hand on a host: plan shows it (exit 2), apply puts it back
        String routes = Lab.in("oss-b", "ip", "route", "show", "proto", "152").out();
        assertEquals(2, routes.lines().filter(l -> l.contains("dev flannel.1 onlink")).count(), routes);
        String victim = routes.lines().findFirst().orElseThrow().split(" ")[0];
        assertEquals(0, Lab.in("oss-b", "ip", "route", "del", victim).exit());
        Ovnet.Result drift = ovnet(2, yaml, "plan", "--detailed-exitcode");
        assertTrue(drift.out().contains("changed outside of ovnet") && drift.out().contains(victim), drift::toString);
        ovnet(0, yaml, "apply", "--auto-approve");
        assertTrue(Lab.in("oss-b", "ip", "route", "show", "proto", "152").out().contains(victim));

        ovnet(0, yaml, "destroy", "--auto-approve");
        lab.removeContainers();
        for (String h : HOSTS) {
            assertEquals(before.get(h), Lab.listings(h), "host " + h);
            assertFalse(Files.exists(subnetEnv(h)), h);
        }
    }

    @Test
    void udpInstallsTheForwarderOverSshAndForwards() throws Exception {
        backend = "udp";
        Path yaml = yaml("root", false, knownHosts);
        Ovnet.Result apply = ovnet(0, yaml, "apply", "--auto-approve");
        HOSTS.forEach(h -> assertDone(apply, h));
        for (String h : HOSTS) {
            assertTrue(Files.exists(lab.root(h).resolve("run/ovnet/flannel0.pid")), h);
        }
        assertReachable(6);
        assertTrue(ovnet(0, yaml, "plan").out().contains("No changes."));
        ovnet(0, yaml, "destroy", "--auto-approve");
        for (String h : HOSTS) {
            assertFalse(Lab.in(h, "ip", "link").out().contains("flannel0"), h);
            assertFalse(Files.exists(lab.root(h).resolve("run/ovnet/flannel0.pid")), h);
        }
        try (var jars = Files.list(Path.of("/var/lib/ovnet"))) {
            assertEquals(0, jars.filter(j -> j.getFileName().toString().startsWith("ovnet-")).count());
        } catch (java.nio.file.NoSuchFileException e) {
            // never created, or removed whole: fine
        }
    }

    @Test
    void hostGwAppliesRepairsAndDestroysOverSsh() throws Exception {
        backend = "host-gw";
        Path yaml = yaml("root", false, knownHosts);
        Ovnet.Result apply = ovnet(0, yaml, "apply", "--auto-approve");
        HOSTS.forEach(h -> assertDone(apply, h));
        String routes = Lab.in("oss-a", "ip", "route", "show", "proto", "152").out();
        assertEquals(2, routes.lines()
                .filter(l -> l.matches("10\\.100\\.\\d+\\.0/24 via 192\\.0\\.2\\.1[23] dev eth0 .*")).count(), routes);
        assertFalse(Lab.in("oss-a", "ip", "link").out().contains("flannel"));
        assertReachable(6);
        ovnet(0, yaml, "plan", "--detailed-exitcode");

        String victim = routes.lines().findFirst().orElseThrow().split(" ")[0];
        assertEquals(0, Lab.in("oss-a", "ip", "route", "del", victim).exit());
        Ovnet.Result drift = ovnet(2, yaml, "plan", "--detailed-exitcode");
        assertTrue(drift.out().contains("changed outside of ovnet") && drift.out().contains(victim), drift::toString);
        ovnet(0, yaml, "apply", "--auto-approve");
        assertEquals(routes, Lab.in("oss-a", "ip", "route", "show", "proto", "152").out());

        ovnet(0, yaml, "destroy", "--auto-approve");
        for (String h : HOSTS) {
            assertEquals("", Lab.in(h, "ip", "route", "show", "proto", "152").out(), h);
            assertFalse(Files.exists(subnetEnv(h)), h);
        }
    }

    @Test
    void aChangedHostKeyStopsThatHostAndTheOthersComplete() throws Exception {
        Path impostor = lab.dir.resolve("impostor_ed25519");
        SshHosts.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", impostor.toString());
        String[] fake = Files.readString(Path.of(impostor + ".pub")).split("\\s+");
        String text = lab.daemon("oss-a").knownHostsLine() + "\n192.0.2.12 " + fake[0] + " " + fake[1] + "\n"
                + lab.daemon("oss-c").knownHostsLine() + "\n";
        Path known = lab.write("known_hosts.changed", text);
        Path yaml = yaml("root", false, known);

        Ovnet.Result apply = ovnet(3, yaml, "apply", "--auto-approve");
        assertTrue(apply.err().contains("oss-b (192.0.2.12:22): WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"),
                apply::toString);
        assertTrue(apply.err().contains(lab.daemon("oss-b").fingerprint()), apply::toString);
        assertUnreachable(apply, "oss-b");
        assertDone(apply, "oss-a");
        assertDone(apply, "oss-c");
        assertTrue(Files.exists(subnetEnv("oss-a")) && Files.exists(subnetEnv("oss-c")));
        assertFalse(Files.exists(subnetEnv("oss-b")));
        assertFalse(Lab.in("oss-b", "ip", "link").out().contains("flannel"));

        // a plan that could not read oss-b is never "no changes", nor the drift check "no drift"
        for (List<String> args : List.of(List.of("plan"), List.of("plan", "--detailed-exitcode"),
                List.of("plan", "--refresh-only", "--detailed-exitcode"))) {
            Ovnet.Result plan = ovnet(1, yaml, args.toArray(String[]::new));
            assertTrue(plan.err().contains("Error: could not read oss-b: "), plan::toString);
            assertTrue(plan.err().contains("oss-b (192.0.2.12:22): WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"),
                    plan::toString);
            assertFalse(plan.err().contains("could not read oss-a") || plan.err().contains("could not read oss-c"),
                    plan::toString);
            assertFalse(plan.out().contains("No changes."), plan::toString);
        }

        // --ssh-accept-new never replaces a changed key
        Ovnet.Result again = ovnet(3, yaml, "apply", "--auto-approve", "--ssh-accept-new");
        assertTrue(again.err().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), again::toString);
        assertEquals(text, Files.readString(known));
    }

    @Test
    void unknownHostKeysStopWithTheirFingerprintUntilAcceptedWithSshAcceptNew() throws Exception {
        Path known = lab.write("known_hosts.empty", "");
        Path yaml = yaml("root", false, known);

        Ovnet.Result refused = lab.ovnet(yaml, "apply", "--auto-approve");
        assertTrue(refused.exit() == 1 || refused.exit() == 3, refused::toString);
        for (String h : HOSTS) {
            assertTrue(refused.err().contains(h + " (" + lab.hosts.get(HOSTS.indexOf(h)).address()
                    + ":22): the host key is not known: the host presents the ED25519 key "
                    + lab.daemon(h).fingerprint()), refused::toString);
            assertFalse(Files.exists(subnetEnv(h)), h);
        }
        assertTrue(refused.err().contains("then accept it with `ovnet apply --ssh-accept-new`"), refused::toString);
        assertEquals("", Files.readString(known));

        Ovnet.Result accepted = ovnet(0, yaml, "apply", "--auto-approve", "--ssh-accept-new");
        HOSTS.forEach(h -> assertDone(accepted, h));
        Set<String> expected = new TreeSet<>();
        for (String h : HOSTS) {
            expected.add(lab.daemon(h).knownHostsLine());
        }
        assertEquals(expected, Files.readAllLines(known).stream().collect(Collectors.toCollection(TreeSet::new)));
        // the keys are known now: no flag needed, and nothing left to do
        ovnet(0, yaml, "plan", "--detailed-exitcode");
    }

    @Test
    void aHostWhoseSshdIsDownIsUnreachableAndTheNextApplyFinishesIt() throws Exception {
        Path yaml = yaml("root", false, knownHosts);
        lab.daemon("oss-b").stop();

        Ovnet.Result apply = ovnet(3, yaml, "apply", "--auto-approve");
        assertTrue(apply.err().contains("oss-b (192.0.2.12:22) is unreachable: connection refused\n"
                + "  check that sshd runs on 192.0.2.12 and listens on port 22"), apply::toString);
        assertUnreachable(apply, "oss-b");
        assertDone(apply, "oss-a");
        assertDone(apply, "oss-c");
        assertFalse(Files.exists(subnetEnv("oss-b")));

        lab.daemon("oss-b").start();
        Ovnet.Result next = ovnet(0, yaml, "apply", "--auto-approve");
        assertDone(next, "oss-b");
        for (String h : List.of("oss-a", "oss-c")) {
            assertEquals(0, recap(next, h)[1], () -> h + " changed again:\n" + next);
        }
        assertReachable(6);
    }

    @Test
    void aUserWithPasswordlessSudoWorksLikeRoot() throws Exception {
        Path yaml = yaml(USER, true, knownHosts);
        Ovnet.Result apply = ovnet(0, yaml, "apply", "--auto-approve");
        HOSTS.forEach(h -> assertDone(apply, h));
        for (String h : HOSTS) {
            assertTrue(lab.daemon(h).log().contains("Accepted publickey for " + USER + " from 192.0.2.10"),
                    lab.daemon(h).log());
            assertEquals("root", Files.getOwner(subnetEnv(h)).getName(), h);
            assertTrue(Lab.in(h, "ip", "link", "show", "flannel.1").exit() == 0, h);
        }
        // refresh reads through sudo as well: nothing to do
        ovnet(0, yaml, "plan", "--detailed-exitcode");
        assertReachable(6);
    }
}
