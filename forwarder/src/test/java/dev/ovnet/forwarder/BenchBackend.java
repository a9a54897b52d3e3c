package dev.ovnet.forwarder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data planes the benchmark compares on one lab, each set up by hand the way flannel (or the reference)
 * would: kernel routes (host-gw), a kernel vxlan device (vxlan), socat between TUN and UDP (the reference
 * userspace forwarder), and ovnet's forwarder in plain and offload mode. {@link #setUp} returns the pids of
 * the userspace forwarders, whose CPU time is measured.
 */
enum BenchBackend {
    HOST_GW("host-gw", 1500),
    VXLAN("vxlan", 1450),
    SOCAT("socat TUN-UDP", 1472),
    OVNET_PLAIN("ovnet plain", 1472),
    OVNET_OFFLOAD("ovnet offload", 1472);

    final String title;
    final int containerMtu;

    BenchBackend(String title, int containerMtu) {
        this.title = title;
        this.containerMtu = containerMtu;
    }

    boolean userspace() {
        return this == SOCAT || this == OVNET_PLAIN || this == OVNET_OFFLOAD;
    }

    List<Long> setUp(Lab lab) throws IOException {
        List<Long> pids = new ArrayList<>();
        String[][] hosts = {{Lab.A, "1", "192.0.2.1", "ua", "2", "192.0.2.2"},
            {Lab.B, "2", "192.0.2.2", "ub", "1", "192.0.2.1"}};
        for (String[] h : hosts) {
            String ns = h[0];
            String peerSubnet = "10.5." + h[4] + ".0/24";
            switch (this) {
                case HOST_GW -> Sh.ok("ip", "-n", ns, "route", "add", peerSubnet, "via", h[5]);
                case VXLAN -> vxlan(ns, h);
                case SOCAT -> pids.add(socat(lab, ns, h));
                case OVNET_PLAIN -> pids.add(lab.forwarder(ns, "--plain").pid());
                case OVNET_OFFLOAD -> pids.add(lab.forwarder(ns).pid());
                default -> throw new IllegalStateException();
            }
        }
        return pids;
    }

    private static void vxlan(String ns, String[] h) {
        String mac = "02:00:0a:05:0" + h[1] + ":00";
        String peerMac = "02:00:0a:05:0" + h[4] + ":00";
        Sh.ok("ip", "-n", ns, "link", "add", "flannel.1", "address", mac, "type", "vxlan", "id", "1", "local", h[2],
                "dev", h[3], "dstport", "8472", "nolearning");
        Sh.ok("ip", "-n", ns, "link", "set", "flannel.1", "mtu", "1450", "up");
        Sh.ok("ip", "-n", ns, "addr", "add", "10.5." + h[1] + ".0/32", "dev", "flannel.1");
        Sh.ok("ip", "-n", ns, "neigh", "add", "10.5." + h[4] + ".0", "lladdr", peerMac, "dev", "flannel.1", "nud",
                "permanent");
        Sh.okIn(ns, "bridge", "fdb", "append", peerMac, "dev", "flannel.1", "dst", h[5], "self", "permanent");
        Sh.ok("ip", "-n", ns, "route", "add", "10.5." + h[4] + ".0/24", "via", "10.5." + h[4] + ".0", "dev",
                "flannel.1", "onlink");
    }

    private static long socat(Lab lab, String ns, String[] h) throws IOException {
        Process process = new ProcessBuilder(Sh.in(ns, "socat",
                "TUN:10.5." + h[1] + ".0/16,tun-name=flannel0,tun-type=tun,iff-no-pi,iff-up",
                "UDP-DATAGRAM:" + h[5] + ":8285,bind=" + h[2] + ":8285"))
                .redirectErrorStream(true).redirectOutput(lab.dir().resolve(ns + ".socat.log").toFile()).start();
        lab.track(() -> {
            process.destroy();
            process.waitFor();
        });
        for (int i = 0; i < 100 && !Sh.run(List.of("ip", "-n", ns, "link", "show", "flannel0"), 10).out()
                .contains("UP"); i++) {
            ForwarderProcess.sleep(50);
        }
        Sh.ok("ip", "-n", ns, "link", "set", "flannel0", "mtu", "1472", "txqueuelen", "5000");
        return process.pid();
    }
}
