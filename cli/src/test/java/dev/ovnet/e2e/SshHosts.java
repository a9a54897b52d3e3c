package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Simulated SSH hosts for the e2e tests and the ssh benchmark: one {@code ovnet lab up} builds a network namespace
 * per host plus a controller namespace on the same underlay segment (all {@code connection: netns} in
 * {@link #labYaml}); each host then runs its own Debian sshd ({@link SshDaemon}) on its underlay address, and ovnet
 * runs inside the controller with a second file whose hosts are {@code connection: ssh} (see {@link #sshYaml}).
 * What ovnet writes through a host's sshd lands in that host's lab folder, so {@code ovnet lab check} with
 * {@link #checkYaml} (the hosts without the controller) starts containers from it and pings across hosts.
 *
 * <p>One client key (in the temp folder) may log in as every user of every host: sshd reads one shared
 * authorized_keys file. Closing stops the daemons, takes the lab down and removes every namespace and file made,
 * whatever state a test left; a start first clears what a killed run left behind under the same names.
 */
final class SshHosts implements AutoCloseable {

    /**
     * One simulated host: its name (also its namespace), underlay address (IPv4, or IPv6 on an IPv6-only lab: see
     * {@link #ipv6()}), whether it was booted with systemd
     * ({@link SystemdContainer}; its sshd then runs inside the container), whether it has a /var/lib of its own
     * (else this machine's) and whether it can find a {@code java} ({@link SshDaemon#ownVarLib}; hosts without
     * Java have their own /var/lib; neither with systemd).
     */
    record Host(String name, String address, boolean systemd, boolean ownVarLib, boolean java) {

        Host(String name, String address) {
            this(name, address, false);
        }

        Host(String name, String address, boolean systemd) {
            this(name, address, systemd, false, true);
        }

        /**
         * Whether the address is IPv6: the host is then one of an IPv6-only network ({@code address6},
         * {@code pool6}, {@code lab.segments6}); a lab's hosts are all IPv4 or all IPv6.
         */
        boolean ipv6() {
            return address.contains(":");
        }

        /** The host's address entry of an ovnet file: {@code address: x} or {@code address6: "x"}. */
        String addressEntry() {
            return ipv6() ? "address6: \"" + address + "\"" : "address: " + address;
        }
    }

    final String network;
    final Path dir;
    final List<Host> hosts;
    final Host controller;
    final Path labYaml;
    final Path checkYaml;
    final Path clientKey;
    private final Map<String, SshDaemon> daemons = new LinkedHashMap<>();
    private final Map<String, SystemdContainer> containers = new LinkedHashMap<>();

    private SshHosts(String network, Path dir, List<Host> hosts, Host controller) {
        this.network = network;
        this.dir = dir;
        this.hosts = List.copyOf(hosts);
        this.controller = controller;
        this.labYaml = dir.resolve("lab.yaml");
        this.checkYaml = dir.resolve("check.yaml");
        this.clientKey = dir.resolve("client_ed25519");
    }

    /** Builds the lab and starts one sshd per host; on failure removes what it made. */
    static SshHosts start(String network, Host controller, List<Host> hosts) throws Exception {
        Path dir = Files.createTempDirectory("oss-e2e-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        SshHosts lab = new SshHosts(network, dir, hosts, controller);
        try {
            List<Host> all = new ArrayList<>(hosts);
            all.add(controller);
            Files.writeString(lab.labYaml, labFile(network, all));
            Files.writeString(lab.checkYaml, labFile(network, hosts));
            List<String> existing = Lab.namespaces("");
            if (lab.namespaces().stream().anyMatch(existing::contains)
                    || hosts.stream().anyMatch(h -> Files.exists(lab.root(h.name())))) {
                lab.removeLab();
            }
            expect(Ovnet.run("lab", "up", "-f", lab.labYaml.toString()), "ovnet lab up");
            sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "oss-client", "-f", lab.clientKey.toString());
            Path authorized = dir.resolve("authorized_keys");
            Files.copy(Path.of(lab.clientKey + ".pub"), authorized);
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
            for (Host host : hosts) {
                SshDaemon daemon;
                if (host.systemd()) {
                    SystemdContainer container = SystemdContainer.create(host.name());
                    lab.containers.put(host.name(), container);
                    Path shared = container.shared();
                    Files.copy(authorized, shared.resolve("authorized_keys"));
                    daemon = new SshDaemon(host.name(), host.address(), lab.root(host.name()),
                            shared.resolve("sshd"), shared.resolve("authorized_keys"));
                    container.boot(host.name());
                    daemon.runIn(container);
                } else {
                    daemon = new SshDaemon(host.name(), host.address(), lab.root(host.name()),
                            dir.resolve("sshd-" + host.name()), authorized);
                    if (host.ownVarLib() || !host.java()) {
                        daemon.ownVarLib(host.java());
                    }
                }
                lab.daemons.put(host.name(), daemon);
                daemon.start();
            }
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private static String labFile(String network, List<Host> hosts) {
        Host first = hosts.get(0);
        StringBuilder yaml = new StringBuilder(header(network, "vxlan", first.ipv6())
                + "state:\n  path: lab-state.json\nhosts:\n");
        for (Host h : hosts) {
            yaml.append("  - {name: ").append(h.name()).append(", ").append(h.addressEntry())
                    .append(", connection: netns}\n");
        }
        String segment = first.ipv6() ? "segments6: [\"" + first.address().replaceFirst("[0-9a-f]+$", "/64") + "\"]"
                : "segments: [" + first.address().replaceFirst("\\d+$", "0/24") + "]";
        return yaml.append("lab:\n  ").append(segment).append("\n").toString();
    }

    private static String header(String network, String backend, boolean ipv6) {
        return "network:\n  name: " + network + (ipv6 ? "\n  pool6: fd10:100::/48" : "\n  pool: 10.100.0.0/16")
                + "\n  backend:\n    type: " + backend + "\n  runtime: docker\n";
    }

    /**
     * An ovnet file with every host as {@code connection: ssh} (root {@code /}, the default): the client key, the
     * given known_hosts, {@code state.json} in the temp folder.
     */
    String sshYaml(String backend, String user, boolean sudo, Path knownHosts) {
        StringBuilder yaml = new StringBuilder(header(network, backend, controller.ipv6())
                + "state:\n  path: state.json\nssh:\n"
                + "  user: " + user + "\n  identityFile: " + clientKey + "\n  knownHostsFile: " + knownHosts
                + "\n  sudo: " + sudo + "\nhosts:\n");
        for (Host h : hosts) {
            yaml.append("  - {name: ").append(h.name()).append(", ").append(h.addressEntry())
                    .append(", connection: ssh}\n");
        }
        return yaml.toString();
    }

    /** Writes {@code text} to {@code name} in the temp folder. */
    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A known_hosts file holding the right key of every host. */
    Path knownHosts(String name) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (SshDaemon daemon : daemons.values()) {
            lines.append(daemon.knownHostsLine()).append('\n');
        }
        return write(name, lines.toString());
    }

    SshDaemon daemon(String host) {
        return daemons.get(host);
    }

    /** Runs {@code command} in a shell on {@code host} as root over SSH from the controller, as a user would. */
    Ovnet.Result ssh(String host, String command) throws IOException {
        return Ovnet.exec(List.of("ip", "netns", "exec", controller.name(), "ssh", "-i", clientKey.toString(), "-o",
                "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts("ssh_known_hosts"), "root@"
                        + daemon(host).knownHostsLine().split(" ")[0], command), null);
    }

    /** The container of a host booted with systemd. */
    SystemdContainer container(String host) {
        return containers.get(host);
    }

    /** The host's own folder: its lab root, which its sshd's mount namespace shows as / for /run and /etc. */
    Path root(String host) {
        return Path.of("/run/ovnet/netns", host);
    }

    /** Runs ovnet inside the controller namespace with {@code -f yaml}, without any ssh-agent. */
    Ovnet.Result ovnet(Path yaml, String... args) {
        return ovnet(Ovnet.JAR, yaml, args);
    }

    /** The same with the ovnet of {@code jar}, another build. */
    Ovnet.Result ovnet(Path jar, Path yaml, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", controller.name(), "env", "-u",
                "SSH_AUTH_SOCK", "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-f", yaml.toString()));
        return Ovnet.exec(cmd, null);
    }

    /** {@code ovnet lab check} over the SSH hosts (the controller has no overlay). */
    Ovnet.Result check() {
        return Ovnet.run("lab", "check", "-f", checkYaml.toString());
    }

    /** Removes the lab's test containers and docker0 bridges (made by lab check, not by ovnet). */
    void removeContainers() {
        for (Host host : hosts) {
            for (String ns : Lab.namespaces(host.name() + "-c")) {
                Ovnet.sh("ip", "netns", "del", ns);
            }
            Lab.in(host.name(), "ip", "link", "del", "docker0");
        }
    }

    /** CPU seconds spent so far by every host's SSH sessions and the commands ovnet ran in them. */
    double sessionCpuSeconds() throws IOException {
        double sum = 0;
        for (SshDaemon daemon : daemons.values()) {
            sum += daemon.sessionCpuSeconds();
        }
        return sum;
    }

    /** Starts every daemon that is not running. */
    void startAll() throws IOException, InterruptedException {
        for (SshDaemon daemon : daemons.values()) {
            daemon.start();
        }
    }

    /** Restarts every daemon with ~/.bashrc skipped ({@code true}, the default) or sourced per command. */
    void restartAll(boolean skipBashrc) throws IOException, InterruptedException {
        for (SshDaemon daemon : daemons.values()) {
            daemon.stop();
            daemon.configure(skipBashrc);
            daemon.start();
        }
    }

    private List<String> namespaces() {
        List<String> names = new ArrayList<>();
        hosts.forEach(h -> names.add(h.name()));
        names.add(controller.name());
        names.add("ovnet-lab-" + network);
        return names;
    }

    /** lab down, then whatever is left under this lab's names (processes first). */
    private void removeLab() {
        Ovnet.run("lab", "down", "-f", labYaml.toString());
        List<String> existing = Lab.namespaces("");
        List<String> mine = new ArrayList<>(namespaces());
        hosts.forEach(h -> mine.addAll(Lab.namespaces(h.name() + "-c")));
        for (String ns : mine) {
            if (existing.contains(ns)) {
                Ovnet.sh("ip", "netns", "pids", ns).out().lines().forEach(pid -> Ovnet.sh("kill", "-9", pid));
                Ovnet.sh("ip", "netns", "del", ns);
            }
        }
        for (Host h : hosts) {
            deleteTree(root(h.name()));
        }
    }

    @Override
    public void close() {
        for (SshDaemon daemon : daemons.values()) {
            try {
                daemon.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SystemdContainer container : containers.values()) {
            try {
                container.close();
            } catch (Exception e) {
                System.err.println("container not removed cleanly: " + e);
            }
        }
        removeLab();
        deleteTree(dir);
    }

    /** Removes a folder and everything in it; what cannot be removed stays (the next run's start removes it). */
    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind; the next start of the same lab removes it
        }
    }

    private static void expect(Ovnet.Result result, String what) {
        if (result.exit() != 0) {
            throw new IllegalStateException(what + " failed: " + result);
        }
    }

    /** Runs an argv (never a shell line); returns stdout, fails on a non-zero exit. */
    static String sh(String... argv) {
        Ovnet.Result result = Ovnet.exec(List.of(argv), null);
        expect(result, String.join(" ", argv));
        return result.out();
    }
}
