package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar an SSH host holds for its forwarder: one per build that runs, none after destroy. */
class InstallingForwarderControlTest {

    @TempDir
    Path dir;

    private static Forwarder forwarder(int peers, String build) {
        return new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", peers, build);
    }

    private Path jar(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Set<String> jars(FakeSystemdHost host) {
        return host.files.keySet().stream().filter(f -> f.startsWith("/var/lib/ovnet/")).collect(Collectors.toSet());
    }

    private static String installed(String build) {
        return "/var/lib/ovnet/ovnet-" + build.substring(0, 16) + ".jar";
    }

    @Test
    void aNewBuildReplacesTheJarAndDestroyRemovesTheJarTheForwarderRan() throws Exception {
        Path oldJar = jar("old.jar", "ovnet 1");
        Path newJar = jar("new.jar", "ovnet 2");
        String oldBuild = ForwarderBuild.sha256(oldJar);
        String newBuild = ForwarderBuild.sha256(newJar);
        FakeSystemdHost host = new FakeSystemdHost(true, "/run/ovnet/flannel0.pid");

        Forwarder first = forwarder(2, oldBuild);
        new InstallingForwarderControl(oldJar).apply(host, new Change.Create(first));
        assertEquals(Set.of(installed(oldBuild)), jars(host));
        assertEquals("ovnet 1", host.files.get(installed(oldBuild)));

        Forwarder second = forwarder(2, newBuild);
        new InstallingForwarderControl(newJar).apply(host, new Change.Replace(first, second,
                "binary changed, restart"));
        assertEquals(Set.of(installed(newBuild)), jars(host), "the earlier build's jar is removed once it is replaced");
        assertTrue(host.files.get("/etc/systemd/system/ovnet-forward-flannel0.service").contains(installed(newBuild)));

        new InstallingForwarderControl(newJar).apply(host, new Change.Update(second, forwarder(3, newBuild)));
        assertEquals(Set.of(installed(newBuild)), jars(host), "a reload keeps the jar");

        // destroyed by the older ovnet: the jar of the build that ran goes all the same
        new InstallingForwarderControl(oldJar).apply(host, new Change.Delete(forwarder(3, newBuild)));
        assertEquals(Set.of(), jars(host));
        assertTrue(host.commands.contains("rmdir --ignore-fail-on-non-empty /var/lib/ovnet"), host.commands::toString);
    }

    @Test
    void aForwarderWhoseBuildIsUnknownLeavesOnlyThisBuildsJarToRemove() throws Exception {
        Path current = jar("current.jar", "ovnet 3");
        FakeSystemdHost host = new FakeSystemdHost(true, "/run/ovnet/flannel0.pid");
        InstallingForwarderControl control = new InstallingForwarderControl(current);
        control.apply(host, new Change.Create(forwarder(1, ForwarderBuild.sha256(current))));
        control.apply(host, new Change.Delete(forwarder(1, null)));
        assertEquals(List.of(), List.copyOf(jars(host)));
    }
}
