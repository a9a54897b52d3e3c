package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.transport.NetnsTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forwarder as a systemd unit: the unit file, when it is chosen, and the systemctl calls per change. */
class SystemdForwarderControlTest {

    private static final List<String> LAUNCHER = List.of("/usr/lib/jvm/java-17/bin/java", "-cp",
            "/var/lib/ovnet/ovnet-0123456789abcdef.jar", "dev.ovnet.cli.Main");

    private static Forwarder forwarder(String root, int peers, String build) {
        return new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), root + "/run/ovnet/flannel0.peers", peers, build);
    }

    @Test
    void theUnitRunsTheForwarderWhileItsPeerFileExistsAndReloadsItWithSighup() {
        assertEquals("""
                # written by ovnet apply; ovnet destroy removes it
                [Unit]
                Description=ovnet udp forwarder on flannel0
                After=network-online.target
                Wants=network-online.target
                ConditionPathExists=/run/ovnet/flannel0.peers

                [Service]
                Type=simple
                ExecStart=/usr/lib/jvm/java-17/bin/java -cp /var/lib/ovnet/ovnet-0123456789abcdef.jar \
                dev.ovnet.cli.Main forward --peers /run/ovnet/flannel0.peers --dev flannel0 --bind 192.0.2.11 \
                --port 8285 --pool 10.100.0.0/16 --subnet 10.100.1.0/24 --stats /run/ovnet/flannel0.stats \
                --pid-file /run/ovnet/flannel0.pid
                ExecReload=/bin/kill -HUP $MAINPID
                StandardOutput=append:/run/ovnet/flannel0.log
                StandardError=inherit
                Restart=on-failure
                RestartSec=1
                """, SystemdForwarderControl.unitText(LAUNCHER, forwarder("", 2, "b1")));
        assertEquals("/etc/systemd/system/ovnet-forward-flannel0.service",
                SystemdForwarderControl.unitPath(forwarder("", 2, "b1")));
    }

    @Test
    void commandLineWordsAreQuotedTheWaySystemdReadsThem() {
        assertEquals("/opt/ovnet/ovnet.jar", SystemdForwarderControl.quote("/opt/ovnet/ovnet.jar"));
        assertEquals("\"/opt/my ovnet/ovnet.jar\"", SystemdForwarderControl.quote("/opt/my ovnet/ovnet.jar"));
        assertEquals("/srv/100%%/$$HOME", SystemdForwarderControl.quote("/srv/100%/$HOME"));
        assertEquals("\"a\\\\b\\\"c\"", SystemdForwarderControl.quote("a\\b\"c"));
        assertEquals("\"\"", SystemdForwarderControl.quote(""));
    }

    @Test
    void systemdIsChosenOnlyOnAHostOfItsOwnWithRootSlashBootedWithSystemd() {
        assertTrue(InitForwarderControl.usesSystemd(false, "/", true));
        assertFalse(InitForwarderControl.usesSystemd(false, "/", false));
        assertFalse(InitForwarderControl.usesSystemd(true, "/", true));
        assertFalse(InitForwarderControl.usesSystemd(false, "/srv/node-1", true));

        ForwarderControl systemd = new SystemdForwarderControl(LAUNCHER);
        ForwarderControl daemon = new DaemonForwarderControl(LAUNCHER);
        InitForwarderControl init = new InitForwarderControl(systemd, daemon);
        FakeSystemdHost booted = new FakeSystemdHost(true, "/run/ovnet/flannel0.pid");
        assertSame(systemd, init.choose(booted, "/run/ovnet"));
        assertEquals(List.of("test -d /run/systemd/system"), booted.commands);
        assertSame(daemon, init.choose(new FakeSystemdHost(false, "/run/ovnet/flannel0.pid"), "/run/ovnet"));

        FakeSystemdHost apart = new FakeSystemdHost(true, "/srv/n1/run/ovnet/flannel0.pid");
        assertSame(daemon, init.choose(apart, "/srv/n1/run/ovnet"));
        assertEquals(List.of(), apart.commands, "a host with its own root is not asked");
        assertSame(daemon, init.choose(new NetnsTransport("fl-never-used"), "/run/ovnet"));
    }

    @Test
    void createReloadRestartAndDeleteAreSystemctlCalls() {
        FakeSystemdHost host = new FakeSystemdHost(true, "/run/ovnet/flannel0.pid");
        InitForwarderControl control = InitForwarderControl.of(LAUNCHER);
        String unit = "/etc/systemd/system/ovnet-forward-flannel0.service";

        Forwarder two = forwarder("", 2, "b1");
        control.apply(host, new Change.Create(two));
        assertEquals(List.of("test -d /run/systemd/system", "systemctl daemon-reload",
                "systemctl restart ovnet-forward-flannel0.service",
                "cat /proc/100/cmdline", "cat /sys/class/net/flannel0/carrier"), host.commands);
        assertTrue(host.files.get(unit).contains("ExecStart=/usr/lib/jvm/java-17/bin/java "));
        assertTrue(host.files.get("/run/ovnet/flannel0.settings").contains("build=b1\n"));
        assertEquals(two, control.read(host, "flannel0", "/run/ovnet").map(f -> forwarder("", 2, f.build()))
                .orElseThrow());
        long first = host.running().orElseThrow();

        host.commands.clear();
        control.apply(host, new Change.Update(two, forwarder("", 3, "b1")));
        assertEquals("systemctl reload ovnet-forward-flannel0.service", host.commands.get(host.commands.size() - 1));
        assertEquals(first, host.running().orElseThrow(), "a reload keeps the process");

        control.apply(host, new Change.Replace(two, forwarder("", 3, "b2"), "binary changed, restart"));
        assertNotEquals(first, host.running().orElseThrow(), "a new build is a new process");
        assertEquals("b2", control.read(host, "flannel0", "/run/ovnet").orElseThrow().build());

        host.commands.clear();
        control.apply(host, new Change.Delete(forwarder("", 3, "b2")));
        assertTrue(host.commands.contains("systemctl disable --now ovnet-forward-flannel0.service"), host.commands::toString);
        assertTrue(host.commands.contains("systemctl daemon-reload"));
        assertFalse(host.files.containsKey(unit));
        assertFalse(host.files.containsKey("/run/ovnet/flannel0.settings"));
        assertTrue(host.running().isEmpty());
    }
}
