package dev.ovnet.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares ovnet's forwarder with the kernel backends and a reference userspace forwarder on the same two-host
 * lab in one run: iperf3 TCP from container to container (single stream and 4 streams), ping RTT, and CPU
 * seconds per GB of the userspace forwarders (both hosts, /proc/PID/stat) and of the whole machine
 * (/proc/stat). Prints a table with ratios to vxlan and socat. See docs/forwarder-benchmark.md.
 */
public final class ForwarderBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RTT = Pattern.compile("time=([0-9.]+) ms");
    private static final String ROW = "%-14s %9.2f %9.2f %9.3f %9s %9.2f %7d %8.2f %8.2f %8.1f %9.2f%n";

    /** One backend's figures. */
    record Result(double single, double multi, double pingMs, double forwarderCpuPerGb, double hostCpuPerGb,
            long drops) {
    }

    private ForwarderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println(run(seconds, System.out::println));
    }

    /** Runs every backend for {@code seconds} per iperf3 test; returns the table. */
    static String run(int seconds, java.util.function.Consumer<String> progress) throws Exception {
        Map<BenchBackend, Result> results = new EnumMap<>(BenchBackend.class);
        String only = System.getProperty("ovf.bench.only", "");
        for (BenchBackend backend : BenchBackend.values()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(backend.name())) {
                continue;
            }
            progress.accept("benchmarking " + backend.title + " ...");
            try (Lab lab = Lab.up(backend.containerMtu)) {
                List<Long> pids = backend.setUp(lab);
                results.put(backend, measure(lab, pids, seconds));
            }
            progress.accept("  " + results.get(backend));
        }
        return table(results, seconds);
    }

    private static Result measure(Lab lab, List<Long> pids, int seconds) throws Exception {
        Process server = new ProcessBuilder(Sh.in(Lab.BC, "iperf3", "-s", "-p", "5201"))
                .redirectErrorStream(true).redirectOutput(lab.dir().resolve("iperf3.log").toFile()).start();
        lab.track(() -> {
            server.destroy();
            server.waitFor();
        });
        ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 2);
        iperf(2, 1);
        long drops0 = drops();
        long[] cpu0 = {ticks(pids), hostTicks()};
        JsonNode single = iperf(seconds, 1);
        long[] cpu1 = {ticks(pids), hostTicks()};
        JsonNode multi = iperf(seconds, 4);
        double bytes = single.path("end").path("sum_received").path("bytes").asDouble();
        double gb = bytes / 1e9;
        double forwarderCpu = pids.isEmpty() ? Double.NaN : (cpu1[0] - cpu0[0]) / 100.0 / gb;
        double hostCpu = (cpu1[1] - cpu0[1]) / 100.0 / gb;
        long dropped = drops() - drops0;
        return new Result(gbps(single), gbps(multi), medianRtt(), forwarderCpu, hostCpu, dropped);
    }

    private static JsonNode iperf(int seconds, int streams) throws IOException {
        Sh.Result result = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            result = Sh.runIn(Lab.AC, seconds + 30L, "iperf3", "-c", "10.5.2.2", "-p", "5201", "-t",
                    String.valueOf(seconds), "-P", String.valueOf(streams), "-J");
            if (result.code() == 0) {
                return JSON.readTree(result.out());
            }
            ForwarderProcess.sleep(200);
        }
        throw new AssertionError("iperf3 failed: " + result.out());
    }

    /** Datagrams the receiving sockets had no room for, plus packets the TUN queues dropped, on both hosts. */
    private static long drops() {
        long sum = 0;
        for (String ns : List.of(Lab.A, Lab.B)) {
            sum += Snmp.get(ns, "Udp", "RcvbufErrors");
            Sh.Result tun = Sh.runIn(ns, 10, "cat", "/sys/class/net/flannel0/statistics/tx_dropped");
            if (tun.code() == 0) {
                sum += Long.parseLong(tun.out().trim());
            }
        }
        return sum;
    }

    private static double gbps(JsonNode run) {
        return run.path("end").path("sum_received").path("bits_per_second").asDouble() / 1e9;
    }

    private static double medianRtt() {
        String out = Sh.runIn(Lab.AC, 60, "ping", "-c", "200", "-i", "0.02", "10.5.2.2").out();
        List<Double> rtts = new ArrayList<>();
        Matcher m = RTT.matcher(out);
        while (m.find()) {
            rtts.add(Double.parseDouble(m.group(1)));
        }
        if (rtts.isEmpty()) {
            throw new AssertionError("no ping replies:\n" + out);
        }
        rtts.sort(null);
        int n = rtts.size();
        return n % 2 == 1 ? rtts.get(n / 2) : (rtts.get(n / 2 - 1) + rtts.get(n / 2)) / 2;
    }

    private static long ticks(List<Long> pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return sum;
    }

    private static long hostTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    static String table(Map<BenchBackend, Result> results, int seconds) {
        // a run of some backends only (-Dovf.bench.only=OVNET_OFFLOAD) prints NaN for the missing ratios
        Result none = new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        Result vxlan = results.getOrDefault(BenchBackend.VXLAN, none);
        Result socat = results.getOrDefault(BenchBackend.SOCAT, none);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "iperf3 TCP %d s, container to container; ping 200 x 20 ms; "
                + "CPU-s/GB over the single-stream run%n", seconds));
        out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s %9s %7s %8s %8s %8s %9s%n", "backend",
                "1 stream", "4 streams", "ping p50", "fwd CPU", "host CPU", "drops", "1s/vxlan", "4s/vxlan",
                "1s/socat", "rtt/vxlan"));
        out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s %9s%n", "", "Gbit/s", "Gbit/s", "ms",
                "s/GB", "s/GB"));
        for (Map.Entry<BenchBackend, Result> e : results.entrySet()) {
            Result r = e.getValue();
            out.append(String.format(Locale.ROOT, ROW,
                    e.getKey().title, r.single(), r.multi(), r.pingMs(),
                    Double.isNaN(r.forwarderCpuPerGb()) ? "-" : String.format(Locale.ROOT, "%.2f",
                            r.forwarderCpuPerGb()),
                    r.hostCpuPerGb(), r.drops(), r.single() / vxlan.single(), r.multi() / vxlan.multi(),
                    r.single() / socat.single(), r.pingMs() / vxlan.pingMs()));
        }
        return out.toString();
    }
}
