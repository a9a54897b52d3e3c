package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bad input never touches a host (docs/safety.md), checked through the real CLI against a running two-host lab:
 * hundreds of broken or adversarial configuration files ({@link HostileConfigs}) and damaged state files
 * ({@link HostileStates}) each go through {@code ovnet validate}, {@code plan} and {@code apply --auto-approve}.
 * Every run must exit 1 with an {@code Error:} message a user can act on (no internal error, no stack trace, no
 * exception class name), a damaged state's message must name the backup, the damaged state must be left as it
 * was, and afterwards both hosts' kernel listings and files are exactly as before and {@code /tmp/pwned} does
 * not exist.
 *
 * <p>The CI run takes each of about 330 files through one of those commands in turn (so every command sees every
 * family), {@code ovnet.hostile.parallel} (default 4) at a time. {@code -Dovnet.hostile.every=true} takes every
 * file through every command; {@code -Dovnet.hostile.extra=N} (which implies it) adds seeded random cases to each
 * random family (cuts, stray brackets, bytes, state truncations); {@code -Dovnet.hostile.seed=N} changes the seed.
 */
@Tag("e2e")
class HostileInputIT {

    private static final Pattern TRACE = Pattern.compile("\tat |\\w+Exception\\b|\\w+Error\\b|internal error");

    @Test
    void badInputNeverTouchesAHost() throws Exception {
        String p = "oefh";
        int extra = Integer.getInteger("ovnet.hostile.extra", 0);
        long seed = Long.getLong("ovnet.hostile.seed", 7);
        int parallel = Integer.getInteger("ovnet.hostile.parallel", 4);
        boolean every = Boolean.getBoolean("ovnet.hostile.every") || extra > 0;
        Files.deleteIfExists(Path.of(HostileConfigs.PWNED));
        try (Lab lab = new Lab(p, HostileConfigs.valid(p))) {
            lab.up();
            // a real state, written by a real apply; then the hosts are emptied again, so that any file ovnet
            // wrongly accepted would show as new objects
            lab.ovnetExpect(0, "apply", "--auto-approve");
            byte[] real = Files.readAllBytes(lab.dir.resolve("state.json"));
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            Files.delete(lab.dir.resolve("state.json"));
            Files.deleteIfExists(lab.dir.resolve("state.json.backup"));
            List<String> hosts = List.of(p + "-a", p + "-b");
            String before = snapshot(hosts);

            byte[] yaml = HostileConfigs.valid(p).getBytes(StandardCharsets.UTF_8);
            List<HostileCase> cases = new ArrayList<>(HostileConfigs.all(p, extra, seed));
            int configs = cases.size();
            cases.addAll(HostileStates.all(yaml, real, extra, seed));
            FastOvnet ovnet = FastOvnet.prepare(lab.dir, lab.yaml);
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger runs = new AtomicInteger();
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    HostileCase c = cases.get(i);
                    int index = i;
                    futures.add(pool.submit(() -> {
                        runCase(ovnet, lab.dir.resolve("cases").resolve(c.name()), c, index, every, failures, runs);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("hostile input: %d files (%d configurations, %d states), %d ovnet runs in %.1f s,"
                    + " %d wrong outcomes%n", cases.size(), configs, cases.size() - configs, runs.get(), seconds,
                    failures.size());
            assertTrue(cases.size() >= 200, "corpus too small: " + cases.size());
            assertTrue(failures.isEmpty(), failures.size() + " wrong outcome(s):\n"
                    + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
            assertEquals(before, snapshot(hosts), "a host changed");
            assertFalse(Files.exists(Path.of(HostileConfigs.PWNED)), HostileConfigs.PWNED + " was created");
        } finally {
            Files.deleteIfExists(Path.of(HostileConfigs.PWNED));
        }
    }

    private static void runCase(FastOvnet ovnet, Path dir, HostileCase c, int index, boolean every,
            List<String> failures, AtomicInteger runs) throws IOException {
        Files.createDirectories(dir);
        Path yaml = dir.resolve("ovnet.yaml");
        Files.write(yaml, c.yaml());
        Path state = dir.resolve("state.json");
        if (c.brokenState()) {
            Files.write(state, c.state());
            Files.write(dir.resolve("state.json.backup"), c.backup());
        }
        List<String[]> commands = new ArrayList<>();
        if (!c.brokenState()) {
            commands.add(new String[] {"validate", "-f", yaml.toString()});
        }
        commands.add(new String[] {"plan", "-f", yaml.toString()});
        commands.add(new String[] {"apply", "--auto-approve", "-f", yaml.toString()});
        if (!every) {
            // the CI run: one command per file, in turn, so every command sees every family of input
            commands = List.<String[]>of(commands.get(index % commands.size()));
        }
        for (String[] args : commands) {
            Ovnet.Result r = ovnet.run(dir, args);
            runs.incrementAndGet();
            String problem = judge(r, c.brokenState());
            if (problem != null) {
                failures.add(c.name() + ": ovnet " + args[0] + ": " + problem + "\n    "
                        + shorten(r.all()).replace("\n", "\n    "));
            }
        }
        if (c.brokenState()) {
            byte[] after = Files.exists(state) ? Files.readAllBytes(state) : null;
            if (after == null || !java.util.Arrays.equals(c.state(), after)) {
                failures.add(c.name() + ": the damaged state file was changed or removed");
            }
        } else if (Files.exists(state)) {
            failures.add(c.name() + ": a state was written for a file that was refused");
        }
    }

    /** What is wrong with the outcome, or null. */
    static String judge(Ovnet.Result r, boolean brokenState) {
        String all = r.all();
        if (r.exit() != 1) {
            return "exit " + r.exit() + ", expected 1";
        }
        if (!all.lines().anyMatch(l -> l.startsWith("Error: "))) {
            return "no line starting with 'Error: '";
        }
        if (TRACE.matcher(all).find()) {
            return "an internal error, stack trace or exception class name: " + TRACE.matcher(all).results()
                    .findFirst().map(m -> m.group()).orElse("");
        }
        if (brokenState && !all.contains("state.json.backup")) {
            return "the message does not name the backup state.json.backup";
        }
        if (all.length() > 8000) {
            return "the message is " + all.length() + " characters long";
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }

    /** Kernel listings and the files ovnet could write, of every host. */
    private static String snapshot(List<String> hosts) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String h : hosts) {
            out.append("== ").append(h).append('\n').append(Lab.listings(h));
            Path root = Path.of("/run/ovnet/netns", h);
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.sorted().forEach(f -> out.append(f).append('\n'));
                }
            }
        }
        return out.toString();
    }
}
