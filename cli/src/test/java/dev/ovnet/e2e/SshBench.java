package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ssh benchmark behind {@code bench/ssh-hosts}: N simulated SSH hosts ({@link SshHosts}, vxlan), ovnet started
 * through the {@code ./ovnet} launcher in the controller namespace exactly as a user would, timed from outside
 * (wall time of the whole process, JVM start included). Prints the runs and their medians: full applies from
 * nothing (with a destroy between), no-change plans with refresh, the same without refresh (no SSH at all: the
 * floor), and no-change plans while the hosts' sshd lets bash source root's ~/.bashrc for every command.
 *
 * <p>Arguments: {@code HOSTS RUNS LAUNCHER [--hold]}; run from {@code cli/} (the lab commands use
 * target/ovnet.jar). {@code --hold} waits for Enter after the applies, to look around or time things by hand.
 */
public final class SshBench {

    private SshBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        String launcher = Path.of(args[2]).toAbsolutePath().toString();
        if (count < 2 || count > 99) {
            throw new IllegalArgumentException("between 2 and 99 hosts: " + count);
        }
        List<SshHosts.Host> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add(new SshHosts.Host(String.format("oss-b%02d", i), "192.0.2." + (100 + i)));
        }
        long setup = System.nanoTime();
        SshHosts lab = SshHosts.start("ossb", new SshHosts.Host("oss-bctl", "192.0.2.100"), hosts);
        Thread cleanup = new Thread(lab::close, "oss-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            System.out.printf("%d SSH hosts (network namespace + sshd each) and the controller up in %.1f s;"
                    + " %d CPUs, load average %s%n", count, seconds(System.nanoTime() - setup),
                    Runtime.getRuntime().availableProcessors(), load());
            Path yaml = lab.write("ssh.yaml", lab.sshYaml("vxlan", "root", false, lab.knownHosts("known_hosts")));
            Timer timer = new Timer(lab, launcher, yaml);
            List<Run> applies = new ArrayList<>();
            List<Run> destroys = new ArrayList<>();
            int applyRuns = Math.max(1, (runs + 1) / 2);
            for (int i = 0; i < applyRuns; i++) {
                if (i > 0) {
                    destroys.add(timer.time(0, "destroy", "--auto-approve"));
                }
                applies.add(timer.time(0, "apply", "--auto-approve"));
            }
            String routes = Lab.in(hosts.get(0).name(), "ip", "route", "show", "proto", "152").out();
            if (routes.lines().filter(l -> l.contains("dev flannel.1 onlink")).count() != count - 1) {
                throw new IllegalStateException("expected " + (count - 1) + " peer routes on " + hosts.get(0).name()
                        + ":\n" + routes);
            }
            if (args.length > 3 && args[3].equals("--hold")) {
                System.out.println("holding: ip netns exec " + lab.controller.name() + " " + launcher + " plan -f "
                        + yaml + "; press Enter to go on");
                System.in.read();
            }
            report("full apply, " + count + " hosts", applies);
            report("destroy, " + count + " hosts", destroys);
            report("no-change plan with refresh", timer.times(runs, 0, "plan", "--detailed-exitcode"));
            report("no-change plan, --refresh=false", timer.times(runs, 0, "plan", "--refresh=false",
                    "--detailed-exitcode"));
            lab.restartAll(false);
            report("no-change plan, refresh, ~/.bashrc sourced per command",
                    timer.times(Math.min(runs, 3), 0, "plan", "--detailed-exitcode"));
            lab.restartAll(true);
            timer.time(0, "destroy", "--auto-approve");
            System.out.println("load average at the end: " + load());
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            lab.close();
        }
    }

    /**
     * One timed ovnet process: wall time, CPU time (user + system) of ovnet's process tree, and CPU time spent on
     * the hosts meanwhile (their sshd sessions and the commands run in them).
     */
    private record Run(double wall, double cpu, double hostCpu) {
    }

    /** Runs the launcher inside the controller namespace under /usr/bin/time and measures the whole process. */
    private record Timer(SshHosts lab, String launcher, Path yaml) {

        Run time(int exit, String... args) throws IOException, InterruptedException {
            Path times = Files.createTempFile(lab.dir, "time", ".txt");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S",
                    "ip", "netns", "exec", lab.controller.name(), "env", "-u", "SSH_AUTH_SOCK", launcher));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("-f", yaml.toString()));
            double hostsBefore = lab.sessionCpuSeconds();
            Ovnet.Result result = Ovnet.exec(cmd, null);
            Thread.sleep(200);   // the last sessions are reaped by their daemons
            double hosts = lab.sessionCpuSeconds() - hostsBefore;
            if (result.exit() != exit) {
                throw new IllegalStateException("ovnet " + String.join(" ", args) + " gave\n" + result);
            }
            List<String> lines = Files.readAllLines(times);
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            Files.delete(times);
            return new Run(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]), hosts);
        }

        List<Run> times(int runs, int exit, String... args) throws IOException, InterruptedException {
            List<Run> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                all.add(time(exit, args));
            }
            return all;
        }
    }

    private static void report(String what, List<Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        StringBuilder each = new StringBuilder();
        runs.forEach(r -> each.append(each.length() == 0 ? "" : ", ").append(format(r.wall())));
        System.out.printf("%-58s median %s s wall; CPU: ovnet %s s, hosts' ssh sessions %s s (runs: %s)%n",
                what + ":", format(median(runs.stream().map(Run::wall).toList())),
                format(median(runs.stream().map(Run::cpu).toList())),
                format(median(runs.stream().map(Run::hostCpu).toList())), each);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
