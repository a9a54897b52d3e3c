package dev.ovnet.forwarder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Moves a file over TCP between namespaces with socat, for digest comparisons. */
final class Transfer {

    private Transfer() {
    }

    /** Writes {@code megabytes} MiB of random bytes to {@code file}. */
    static Path randomFile(Path file, int megabytes) throws IOException {
        Sh.ok("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=" + megabytes, "status=none");
        return file;
    }

    /** Sends {@code file} from namespace {@code from} to a listener in {@code to} at {@code address}. */
    static Path send(Path file, String from, String to, String address, Path received) throws Exception {
        Process server = new ProcessBuilder(Sh.in(to, "socat", "-u", "TCP-LISTEN:9000,reuseaddr",
                "OPEN:" + received + ",creat,trunc")).redirectErrorStream(true).start();
        try {
            Sh.Result client = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                client = Sh.run(Sh.in(from, "socat", "-u", "OPEN:" + file, "TCP:" + address + ":9000"), 300);
                if (client.code() == 0 || !client.out().contains("Connection refused")) {
                    break;
                }
                Thread.sleep(100);
            }
            if (client.code() != 0) {
                throw new AssertionError("sending " + file + " failed: " + client.out());
            }
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the receiver did not finish");
            }
            return received;
        } finally {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long tcpChecksumErrors() {
        long sum = 0;
        for (String ns : List.of(Lab.A, Lab.B, Lab.AC, Lab.BC)) {
            sum += Snmp.get(ns, "Tcp", "InCsumErrors");
        }
        return sum;
    }
}
