package dev.ovnet.providers.kernel;

import dev.ovnet.providers.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Passes everything to a real transport and notes every command with how long it took (for the benchmark). */
final class CountingTransport implements Transport {

    private final Transport real;
    final List<String> log = new ArrayList<>();

    CountingTransport(Transport real) {
        this.real = real;
    }

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
        long t = System.nanoTime();
        try {
            return real.run(argv, stdin, timeout);
        } finally {
            log.add(String.join(" ", argv.subList(0, Math.min(2, argv.size()))) + " " + (System.nanoTime() - t)
                    / 1_000_000 + " ms");
        }
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        real.writeFile(path, content, mode);
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return real.readFile(path);
    }

    @Override
    public void checkFile(String verb, String path) {
        real.checkFile(verb, path);
    }

    @Override
    public void deleteFile(String path) {
        real.deleteFile(path);
    }

    @Override
    public String describe() {
        return real.describe();
    }

    /** The log so far, then empties it. */
    List<String> take() {
        List<String> out = List.copyOf(log);
        log.clear();
        return out;
    }
}
