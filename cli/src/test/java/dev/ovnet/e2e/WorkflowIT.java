package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Terraform-grade workflow on a lab: saved plans and their refusal, --target, the CI drift check, the
 * prompt (no terminal, and "no" on a real pseudo-terminal), and the exit code 3 of a partial apply.
 */
@Tag("e2e")
class WorkflowIT {

    private static final String PASSPHRASE = "oew-s3cret-passphrase";

    private static String yaml(String p, Path key) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: vxlan\n  runtime: docker\n"
                + "state:\n  path: state.json\n" + (key == null ? "" : "ssh:\n  identityFile: " + key + "\n")
                + "hosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.12, connection: netns}\n"
                + "  - {name: " + p + "-c, address: 192.0.2.13, connection: netns}\n"
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    /**
     * {@link Lab#listings} of every host, without what the lab's container bridge changes on its own: its timers
     * and the MACs it learns (ovnet makes neither).
     */
    private static Map<String, String> listings(String p) {
        Map<String, String> out = new HashMap<>();
        for (String h : List.of(p + "-a", p + "-b", p + "-c")) {
            out.put(h, stable(Lab.listings(h)));
        }
        return out;
    }

    private static String stable(String listing) {
        return listing.replaceAll("\\b(\\w+_timer) +[\\d.]+", "$1")
                .replaceAll("(?m)^\\S+ dev \\S+ (vlan \\d+ )?master docker0 \\n", "");
    }

    /** The part of apply's or plan's output that lists the actions (after the drift section). */
    private static String actions(String out) {
        int at = out.indexOf("ovnet will perform the following actions:");
        return at < 0 ? "" : out.substring(at);
    }

    private static List<String> ovnetArgv(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                Ovnet.JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String subnet(String p, String host) {
        String env = Lab.in(host, "cat", "/run/ovnet/netns/" + host + "/run/flannel/subnet.env").out();
        String s = env.lines().filter(l -> l.startsWith("FLANNEL_SUBNET=")).findFirst().orElseThrow().substring(15);
        return s.replaceAll("\\.1/", ".0/");
    }

    @Test
    void aSavedPlanAppliesExactlyAndIsRefusedOnceAnotherApplyMovedTheState() throws Exception {
        String p = "oew1";
        try (Lab lab = new Lab(p, "")) {
            Path key = lab.dir.resolve("id_ed25519");
            Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHI\n"
                    + "-----END OPENSSH PRIVATE KEY-----\n");
            lab.write(yaml(p, key));
            lab.up();
            Path planFile = lab.dir.resolve("first.plan");
            Ovnet.Result saved = run(Map.of("OVNET_SSH_PASSPHRASE", PASSPHRASE), null, "plan", "-out",
                    planFile.toString(), "-f", lab.yaml.toString());
            assertEquals(0, saved.exit(), saved::toString);
            assertTrue(saved.out().contains("Saved the plan to: " + planFile), saved::toString);
            String text = Files.readString(planFile);
            assertFalse(text.contains(PASSPHRASE), "the passphrase is not in the plan file");
            assertFalse(text.contains("PRIVATE KEY") || text.contains("b3BlbnNzaC1rZXkt"), "no key material");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(planFile)));

            Ovnet.Result applied = Ovnet.run("apply", planFile.toString());
            assertEquals(0, applied.exit(), applied::toString);
            assertTrue(applied.out().contains("Apply complete! Resources: 36 added, 3 changed"), applied::toString);
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));

            // drift on b, a plan saved for it, then another apply fixes b first
            String aSubnet = subnet(p, p + "-a");
            Lab.in(p + "-b", "ip", "route", "del", aSubnet);
            Path second = lab.dir.resolve("second.plan");
            Ovnet.Result plan2 = lab.ovnetExpect(0, "plan", "--out", second.toString());
            assertTrue(plan2.out().contains("+ route " + aSubnet), plan2::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Map<String, String> before = listings(p);
            Ovnet.Result stale = Ovnet.run("apply", second.toString());
            assertEquals(1, stale.exit(), stale::toString);
            assertTrue(stale.err().contains("Error: Saved plan is stale: the state moved from serial 2 to 3 since the"
                    + " plan was made; changed since: " + p + "-b (applied again at serial 3)"), stale::toString);
            assertEquals(before, listings(p), "a refused plan changes nothing");
        }
    }

    @Test
    void targetTouchesOnlyTheNamedHostsAndTheStaySaysWhatIsLeft() throws Exception {
        String p = "oew2";
        try (Lab lab = new Lab(p, yaml(p, null))) {
            lab.up();
            String c = p + "-c";
            String cBefore = stable(Lab.listings(c));
            Ovnet.Result r = lab.ovnetExpect(0, "apply", "--auto-approve", "--target", p + "-[ab]");
            assertTrue(r.out().contains("Resource targeting is in effect"), r::toString);
            assertTrue(r.out().contains("Applied changes may be incomplete"), r::toString);
            assertFalse(actions(r.out()).contains("# " + c), r::toString);
            assertEquals(cBefore, stable(Lab.listings(c)), "the untargeted host is untouched, byte for byte");
            // lab check makes the containers of a and b, then stops at c: it has no subnet.env yet
            Ovnet.Result check = lab.ovnet("lab", "check");
            assertTrue(check.err().contains("host " + c + " has no lease yet"), check::toString);
            assertTrue(Net.ping(p + "-a-c1", Net.address(p + "-b-c1")), "the targets reach each other");
            Ovnet.Result left = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(actions(left.out()).contains("# " + c), left::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));

            // drift on a (its route to b) and on c; fixing only c leaves a exactly as it is
            String a = p + "-a";
            Lab.in(a, "ip", "route", "del", subnet(p, p + "-b"));
            Lab.in(c, "ip", "route", "del", subnet(p, a));
            Map<String, String> before = listings(p);
            Ovnet.Result targeted = lab.ovnetExpect(0, "apply", "--auto-approve", "--target", c);
            assertTrue(targeted.out().contains("RECAP"), targeted::toString);
            Map<String, String> after = listings(p);
            assertEquals(before.get(a), after.get(a));
            assertEquals(before.get(p + "-b"), after.get(p + "-b"));
            assertTrue(after.get(c).contains(subnet(p, a) + " via"), after.get(c));
            Ovnet.Result show = lab.ovnetExpect(0, "show", "--json");
            assertTrue(show.out().replaceAll("\\s", "").contains("\"name\":\"" + a + "\",\"address\":\"192.0.2.11\","
                    + "\"connection\":\"netns\",\"lease\":\"" + subnet(p, a) + "\""), show::toString);
            // a was not targeted, so not read: the state learns of its drift only when a plan reads it again
            assertFalse(show.out().contains("\"status\" : \"partial\""), show::toString);
            lab.ovnetExpect(0, "plan", "--refresh=false", "--detailed-exitcode");
            Ovnet.Result rest = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(rest.out().contains("# " + a) && rest.out().contains("Plan: 1 to add, 0 to change"),
                    rest::toString);
            lab.ovnetExpect(1, "plan", "--target", "nothing-*");
        }
    }

    @Test
    void refreshOnlyWithDetailedExitCodeIsTheDriftCheckAndChangesNothing() throws Exception {
        String p = "oew3";
        try (Lab lab = new Lab(p, yaml(p, null))) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            lab.ovnetExpect(0, "plan", "--refresh-only", "--detailed-exitcode");
            String dst = subnet(p, p + "-b");
            Lab.in(p + "-a", "ip", "route", "del", dst);
            Map<String, String> hosts = listings(p);
            byte[] state = Files.readAllBytes(lab.dir.resolve("state.json"));
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--refresh-only", "--detailed-exitcode");
            assertTrue(drift.out().contains("route " + dst) && drift.out().contains("(has been deleted)"),
                    drift::toString);
            assertEquals(hosts, listings(p));
            assertTrue(java.util.Arrays.equals(state, Files.readAllBytes(lab.dir.resolve("state.json"))));
            // recording the drift changes the state, never a host; the normal plan then repairs it
            lab.ovnetExpect(0, "apply", "--refresh-only", "--auto-approve");
            assertEquals(hosts, listings(p));
            lab.ovnetExpect(0, "plan", "--refresh-only", "--detailed-exitcode");
            Ovnet.Result repair = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(repair.out().contains("+ route " + dst), repair::toString);
            assertFalse(repair.out().contains("-out option"), "no hint under CI=true");
            Ovnet.Result person = run(Map.of("CI", "false"), null, "plan", "-f", lab.yaml.toString());
            assertTrue(person.out().contains("Note: You didn't use the -out option to save this plan, so ovnet can't"
                    + " guarantee to take exactly these actions if you run \"ovnet apply\" now."), person::toString);
            assertEquals(hosts, listings(p), "plans never change a host");
        }
    }

    @Test
    void withoutATerminalApplyRefusesAtOnceAndNoAtThePromptCancels() throws Exception {
        String p = "oew4";
        try (Lab lab = new Lab(p, yaml(p, null))) {
            lab.up();
            Map<String, String> before = listings(p);
            // stdin is a pipe that stays open and empty: ovnet must not wait on it
            ProcessBuilder pb = new ProcessBuilder(ovnetArgv("apply", "-f", lab.yaml.toString()));
            pb.environment().put("CI", "true");
            long start = System.nanoTime();
            Process proc = pb.start();
            try (OutputStream stdin = proc.getOutputStream()) {
                assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "ovnet waited for an answer without a terminal");
                String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, proc.exitValue(), err);
                assertTrue(err.contains("there is no terminal to ask on"), err);
                assertTrue(err.contains("--auto-approve"), err);
            } finally {
                proc.destroyForcibly();
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));

            String typed = typeAtPrompt(lab, "no");
            assertTrue(typed.contains("Do you want to perform these actions?"), typed);
            assertTrue(typed.contains("Apply cancelled."), typed);
            assertTrue(typed.endsWith("exit 1"), typed);
            assertEquals(before, listings(p), "a cancelled apply changes nothing");
            assertFalse(Files.exists(lab.dir.resolve("state.json")), "and writes no state");
        }
    }

    @Test
    void aHostWhoseNamespaceIsGoneMakesApplyPartialWithExitCodeThree() throws Exception {
        String p = "oew5";
        try (Lab lab = new Lab(p, yaml(p, null))) {
            lab.up();
            for (String ns : Lab.namespaces(p + "-c")) {
                Ovnet.sh("ip", "netns", "del", ns);
            }
            Ovnet.Result r = lab.ovnet("apply", "--auto-approve");
            assertEquals(3, r.exit(), r::toString);
            assertTrue(r.out().contains(p + "-c : ok=0 changed=0 failed=0 unreachable=1 skipped=0 rolled_back=0"), r::toString);
            assertTrue(r.out().contains(p + "-a : ok=1 changed=13 failed=0 unreachable=0 skipped=0 rolled_back=0"), r::toString);
            assertTrue(r.err().contains("Error: " + p + "-c is unreachable"), r::toString);
            assertTrue(r.err().contains("Apply incomplete: 1 of 3 hosts did not finish."), r::toString);
            Ovnet.Result state = lab.ovnetExpect(0, "show");
            assertTrue(state.out().lines().anyMatch(l -> l.startsWith(p + "-c ") && l.contains("pending")),
                    state::toString);
        }
    }

    /** Runs {@code ovnet apply} on a pseudo-terminal (util-linux script), answers {@code answer} at the prompt. */
    private static String typeAtPrompt(Lab lab, String answer) throws Exception {
        // a pty made by script has no size, and a prompt on a zero-column terminal is not drawn: give it one
        String cmd = "stty cols 120 rows 40; exec " + String.join(" ", ovnetArgv("apply", "-f", lab.yaml.toString())
                .stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", cmd, "/dev/null").redirectErrorStream(true);
        pb.environment().put("CI", "true");
        pb.environment().put("TERM", "xterm");
        Process proc = pb.start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(proc.getInputStream(), seen));
        reader.start();
        try (OutputStream in = proc.getOutputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!seen.toString(StandardCharsets.UTF_8).contains("Enter a value:")) {
                assertTrue(System.nanoTime() < deadline && proc.isAlive(), () -> "no prompt:\n" + seen);
                Thread.sleep(100);
            }
            in.write((answer + "\r").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS), () -> "no exit after the answer:\n" + seen);
            reader.join(10_000);
        } finally {
            proc.destroyForcibly();
        }
        return seen.toString(StandardCharsets.UTF_8).replace("\r", "").strip() + "\nexit " + proc.exitValue();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Runs ovnet with extra environment variables and optional stdin. */
    private static Ovnet.Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ovnetArgv(args));
        pb.environment().put("CI", "true");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("oew", ".out");
        Path err = Files.createTempFile("oew", ".err");
        try {
            Process proc = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = proc.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
            return new Ovnet.Result(proc.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
