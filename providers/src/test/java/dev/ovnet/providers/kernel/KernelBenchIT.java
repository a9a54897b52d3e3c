package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Differ;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.ReadRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@link LinuxHost} takes for a vxlan host with many peers (3 kernel objects each): apply from nothing,
 * refresh, a no-change re-plan and destroy, in a namespace of its own. Tagged {@code bench}, so no default build
 * runs it. Run it as root with
 * <pre>
 * mvn -o -pl providers -am verify -Dit.groups=bench -Dit.test=KernelBenchIT -Dfailsafe.failIfNoSpecifiedTests=false
 * cat providers/target/failsafe-reports/dev.ovnet.providers.kernel.KernelBenchIT-output.txt
 * </pre>
 * or, after {@code mvn -o -pl providers -am test-compile}, straight from the class files (sizes as arguments):
 * <pre>
 * java -cp providers/target/test-classes:providers/target/classes:planner/target/classes:$(find \
 *     ~/.m2/repository/com/fasterxml/jackson/core/*&#47;2.18.2 \
 *     ~/.m2/repository/org/junit/jupiter/junit-jupiter-api/5.11.4 \
 *     ~/.m2/repository/org/opentest4j -name '*.jar' | tr '\n' ':') dev.ovnet.providers.kernel.KernelBenchIT 1000 5000
 * </pre>
 * The peers' underlay addresses (10.200.x.y) only appear as fdb destinations; no packet is sent to them.
 */
@Tag("bench")
class KernelBenchIT {

    private static final Cidr POOL = Cidr.parse("10.64.0.0/10");
    private static final HostFacts FACTS = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false);

    @Test
    void thousandsOfVxlanPeersAreAppliedAndReadInBoundedTime() {
        run(System.out, 1000, 5000, 5000);
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1000, 5000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        run(System.out, sizes);
    }

    static void run(PrintStream out, int... sizes) {
        try (NetnsLab lab = NetnsLab.of("ovk-bench-a", "ovk-bench-b");
                CountingTransport transport = new CountingTransport(lab.transport("ovk-bench-a"));
                LinuxHost host = new LinuxHost("bench", transport, NetnsLab.NO_FORWARDER)) {
            out.printf("%-6s %8s %10s %10s %10s %10s%n", "peers", "changes", "apply ms", "refresh ms", "replan ms",
                    "destroy ms");
            out.println("(refresh: best/median of 5 reads; replan: the planner's Differ on the reading)");
            for (int peers : sizes) {
                out.println(measure(host, transport, lab, peers));
            }
        }
    }

    private static String measure(LinuxHost host, CountingTransport transport, NetnsLab lab, int peers) {
        NetworkSpec network = new NetworkSpec("bench", POOL, 24, new Backend(BackendType.VXLAN, 1, 8472, false), null,
                true, ContainerRuntime.DOCKER);
        List<PeerEntry> entries = new ArrayList<>();
        HostSpec self = Overlay.host(network, "node-0", Ipv4.parse("192.0.2.1"), lease(0), lab.root("bench"), FACTS);
        entries.add(PeerEntry.of(self));
        for (int i = 1; i <= peers; i++) {
            Ipv4 address = Ipv4.parse("10.200." + (i / 250) + "." + (i % 250 + 1));
            entries.add(PeerEntry.of(Overlay.host(network, "node-" + i, address, lease(i), "/", FACTS)));
        }
        entries.sort(DesiredState.BY_SUBNET);
        DesiredHost desired = DesiredState.forHost(network, self, entries);
        ReadRequest request = request(desired);

        HostReading empty = host.read(request);
        HostPlan create = Differ.diff("bench", new ObjectSet.Listed(empty.objects()), new ObjectSet.Derived(desired),
                null);
        long changes = create.summary().add() + create.summary().change();
        StepTimer timer = new StepTimer();
        transport.take();
        long t0 = System.nanoTime();
        ApplyResult applied = host.apply(create, timer);
        long apply = ms(System.nanoTime() - t0);
        List<String> applyCommands = transport.take();
        assertTrue(applied.ok(), () -> String.valueOf(applied.failure()));

        long[] refresh = new long[5];
        HostReading built = null;
        for (int i = 0; i < refresh.length; i++) {
            long t = System.nanoTime();
            built = host.read(request);
            refresh[i] = ms(System.nanoTime() - t);
        }
        List<String> readCommands = transport.take().subList(0, 5); // the processes of one read
        long t1 = System.nanoTime();
        HostPlan again = Differ.diff("bench", new ObjectSet.Listed(built.objects()), new ObjectSet.Derived(desired),
                null);
        long replan = ms(System.nanoTime() - t1);
        assertTrue(again.isEmpty(), () -> again.changes().size() + " changes left, e.g. " + again.changes().get(0));
        HostPlan destroy = Differ.diff("bench", new ObjectSet.Listed(built.objects()), ObjectSet.NONE, null);
        long t2 = System.nanoTime();
        ApplyResult destroyed = host.apply(destroy, ApplyListener.NONE);
        long destroyMs = ms(System.nanoTime() - t2);
        assertTrue(destroyed.ok(), () -> String.valueOf(destroyed.failure()));
        long[] sorted = refresh.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%-6d %8d %10d %10s %10d %10d%n       refresh ms, 5 reads in order: %s%n"
                + "       apply steps: %s%n       apply processes: %s%n       refresh processes: %s", peers, changes,
                apply, sorted[0] + "/" + sorted[2], replan, destroyMs, java.util.Arrays.toString(refresh),
                timer.steps, applyCommands, readCommands);
    }

    /** Milliseconds per apply step (one per batch), as the listener sees them. */
    static final class StepTimer implements ApplyListener {
        final List<String> steps = new ArrayList<>();
        private long last = System.nanoTime();

        @Override
        public void hostProgress(String host, long done, long total, String step) {
            long now = System.nanoTime();
            steps.add(step + " " + ms(now - last) + " ms");
            last = now;
        }
    }

    private static Cidr lease(int i) {
        return new Cidr(POOL.network().plus(256L * i), 24);
    }

    private static ReadRequest request(DesiredHost desired) {
        Set<String> files = new TreeSet<>();
        for (KernelObject o : desired.hostObjects()) {
            if (o instanceof FileObject f) {
                files.add(f.path());
            }
        }
        return new ReadRequest(desired.self().address(), null, Set.of("flannel.1"), files, POOL, null);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
