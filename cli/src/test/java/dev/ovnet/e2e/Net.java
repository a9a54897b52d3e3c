package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real packets between containers: ping, and a TCP transfer with netcat. */
final class Net {

    private Net() {
    }

    static boolean ping(String fromNs, String address) {
        return Lab.in(fromNs, "ping", "-c", "2", "-i", "0.2", "-W", "1", address).exit() == 0;
    }

    /** Sends {@code text} over TCP from one namespace to a listener in another; returns what arrived. */
    static String tcp(String fromNs, String toNs, String toAddress, String text) {
        try {
            Process server = new ProcessBuilder("ip", "netns", "exec", toNs, "timeout", "10", "nc", "-l", "-s",
                    toAddress, "-p", "5601").redirectErrorStream(true).start();
            try {
                Ovnet.Result client = null;
                for (int i = 0; i < 40; i++) {
                    client = Ovnet.exec(List.of("ip", "netns", "exec", fromNs, "timeout", "5", "nc", "-N", toAddress,
                            "5601"), text);
                    if (client.exit() == 0) {
                        break;
                    }
                    Thread.sleep(100);
                }
                server.waitFor(10, TimeUnit.SECONDS);
                return new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                server.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The address of eth0 in a container namespace. */
    static String address(String containerNs) {
        String out = Lab.in(containerNs, "ip", "-4", "-o", "addr", "show", "dev", "eth0").out();
        String[] parts = out.trim().split("\\s+");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("inet")) {
                return parts[i + 1].split("/")[0];
            }
        }
        throw new IllegalStateException("no address on eth0 in " + containerNs + ": " + out);
    }
}
