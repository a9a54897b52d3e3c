package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.forwarder.ForwarderMain;
import dev.ovnet.forwarder.TestClasspath;
import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.kernel.NetnsLab;
import dev.ovnet.providers.transport.NetnsTransport;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The daemon forwarder as apply starts and stops it in a simulated host, checked where a user would look: its
 * {@code /proc/<pid>/environ} holds none of the secrets that were in ovnet's environment, and a pid file that
 * names some other process (a planted or stale one) gets a clear refusal while that process lives on.
 */
@Tag("forwarder")
class DaemonForwarderIT {

    private static final String ETCD_SECRET = "etcd-pw-" + ProcessHandle.current().pid();
    private static final String SSH_SECRET = "ssh-pp-" + ProcessHandle.current().pid();

    /** ovnet's forwarder main class on the test class path; {@code forward} and the options follow. */
    private static final DaemonForwarderControl CONTROL = new DaemonForwarderControl(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
            "-cp", TestClasspath.get(), ForwarderMain.class.getName()));

    /** A host whose every command inherits ovnet's secrets, as commands run from an ovnet that has them do. */
    private static Transport hostWithSecrets(String ns) {
        return new NetnsTransport(ns) {
            @Override
            protected List<String> wrap(List<String> argv) {
                return prefixed(List.of("ip", "netns", "exec", ns, "env", "OVNET_ETCD_PASSWORD=" + ETCD_SECRET,
                        "OVNET_SSH_PASSPHRASE=" + SSH_SECRET), argv);
            }
        };
    }

    private static Forwarder forwarder(String root) {
        return new Forwarder("flannel0", Ipv4.parse("0.0.0.0"), 8285, Cidr.parse("10.5.0.0/16"),
                Cidr.parse("10.5.1.0/24"), root + "/run/ovnet/flannel0.peers", 1);
    }

    @Test
    void theForwarderStartsWithNoneOfOvnetsSecretsInItsEnvironment() throws Exception {
        try (NetnsLab lab = NetnsLab.of("ovtf-env-a", "ovtf-env-b")) {
            Transport host = hostWithSecrets("ovtf-env-a");
            Forwarder f = forwarder(lab.root("ovtf-env-a"));
            host.writeFile(f.peerFile(), "10.5.2.0/24 192.0.2.2:8285\n".getBytes(StandardCharsets.UTF_8), 0644);
            assertTrue(host.run(List.of("printenv", "OVNET_ETCD_PASSWORD")).stdout().contains(ETCD_SECRET),
                    "the test host does not pass ovnet's environment on");
            try {
                CONTROL.apply(host, new Change.Create(f));
                long pid = ForwarderRunFiles.livePid(host, f).orElseThrow();
                String environ = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
                assertFalse(environ.contains(ETCD_SECRET) || environ.contains("OVNET_ETCD_PASSWORD"), environ);
                assertFalse(environ.contains(SSH_SECRET) || environ.contains("OVNET_SSH_PASSPHRASE"), environ);
                assertTrue(environ.contains("PATH="), environ);
            } finally {
                CONTROL.apply(host, new Change.Delete(f));
            }
            assertEquals(Optional.empty(), ForwarderRunFiles.livePid(host, f), "the forwarder still runs");
        }
    }

    @Test
    void aPidFileNamingAnotherProcessIsRefusedAndThatProcessIsNotSignalled() throws Exception {
        try (NetnsLab lab = NetnsLab.of("ovtf-pid-a", "ovtf-pid-b")) {
            Transport host = new NetnsTransport("ovtf-pid-a");
            Forwarder f = forwarder(lab.root("ovtf-pid-a"));
            // a sleep whose command line even says "forward"
            Process sleep = new ProcessBuilder("bash", "-c", "exec -a forward sleep 600").start();
            try {
                String pidFile = ForwarderRunFiles.file(f, "pid");
                host.writeFile(pidFile, (sleep.pid() + "\n").getBytes(StandardCharsets.US_ASCII), 0644);
                assertEquals(Optional.empty(), CONTROL.read(host, "flannel0", ForwarderRunFiles.runDir(f)),
                        "another process was read as the forwarder");
                CommandFailedException refused = assertThrows(CommandFailedException.class,
                        () -> CONTROL.apply(host, new Change.Delete(f)));
                assertTrue(refused.detail().contains(pidFile) && refused.detail().contains("process " + sleep.pid())
                        && refused.detail().contains("remove " + pidFile), refused::getMessage);
                assertThrows(CommandFailedException.class, () -> CONTROL.apply(host, new Change.Create(f)));
                Thread.sleep(200);
                assertTrue(sleep.isAlive(), "ovnet signalled a process that is not its forwarder");
            } finally {
                sleep.destroyForcibly().waitFor();
            }
        }
    }
    @Test
    void deleteReturnsOnlyOnceTheForwarderHasExitedNotWhenItsPidFileIsGone() throws Exception {
        try (NetnsLab lab = NetnsLab.of("ovtf-exit-a", "ovtf-exit-b")) {
            Transport host = new NetnsTransport("ovtf-exit-a");
            Forwarder f = forwarder(lab.root("ovtf-exit-a"));
            String pidFile = ForwarderRunFiles.file(f, "pid");
            // a forwarder as a busy host sees one stop: on SIGTERM it removes its pid file at once, then takes
            // 1.5 s more to exit (its command line is that of ovnet's forwarder of flannel0; $5 is the pid file)
            Process slow = new ProcessBuilder("bash", "-c", "trap 'rm -f \"$5\"; sleep 1.5; exit 0' TERM; "
                    + "while :; do sleep 0.1; done", ForwarderRunFiles.MAIN_CLASS, "forward", "--dev", "flannel0",
                    "--pid-file", pidFile).start();
            try {
                Files.createDirectories(Path.of(pidFile).getParent());
                Files.writeString(Path.of(pidFile), slow.pid() + "\n");
                assertEquals(Optional.of(slow.pid()), ForwarderRunFiles.livePid(host, f));
                CONTROL.apply(host, new Change.Delete(f));
                assertFalse(slow.isAlive(), "delete returned while the forwarder was still exiting");
                assertEquals(0, slow.exitValue(), "it exited on SIGTERM, without needing SIGKILL");
            } finally {
                slow.destroyForcibly().waitFor();
            }
        }
    }
}
