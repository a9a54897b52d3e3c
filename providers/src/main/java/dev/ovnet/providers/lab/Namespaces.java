package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.NetnsTransport;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The iproute2 commands the lab needs, always aimed at a named namespace ({@code ip -n NS ...} or
 * {@code ip netns exec NS ...}): the lab never changes the namespace it runs in. Commands are argv lists.
 */
final class Namespaces {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport local = new LocalTransport();
    private final LabRecord record;

    /** @param record what the lab made: what {@link #add} creates goes in, and {@link #delete} removes only that */
    Namespaces(LabRecord record) {
        this.record = record;
    }

    /** Names of every namespace of this machine ({@code ip netns list}). */
    List<String> list() {
        Transport.Result result = local.run(List.of("ip", "netns", "list"), new byte[0], TIMEOUT);
        if (!result.ok()) {
            throw failed("ip netns list", result);
        }
        List<String> names = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty()) {
                names.add(trimmed.split("\\s+")[0]);
            }
        }
        return names;
    }

    boolean exists(String netns) {
        return list().contains(netns);
    }

    /** Creates the namespace unless it exists, and records it as the lab's; true when it was created. */
    boolean add(String netns) {
        if (exists(netns)) {
            return false;
        }
        must(List.of("ip", "netns", "add", netns));
        record.created(netns);
        return true;
    }

    /** Every namespace the lab's record lists as made by the lab. */
    List<String> recorded() {
        return record.namespaces();
    }

    /** Whether the namespace exists as the one the lab created. */
    boolean madeByLab(String netns) {
        return record.madeByLab(netns);
    }

    /**
     * Removes the namespace (stopping processes still running in it) when the lab made it; true when it did. A
     * namespace the lab's record does not list as made by the lab is left alone, and said so.
     */
    boolean delete(String netns, LabListener listener) {
        if (!exists(netns)) {
            record.removed(netns);
            return false;
        }
        if (!record.madeByLab(netns)) {
            listener.warning("left namespace " + netns + " alone: the lab did not create it (it is not in "
                    + record.file() + "); remove it yourself if it should go: ip netns del " + netns);
            return false;
        }
        Transport.Result pids = local.run(List.of("ip", "netns", "pids", netns), new byte[0], TIMEOUT);
        List<String> running = pids.ok() ? Arrays.stream(pids.stdout().split("\\s+")).filter(s -> !s.isEmpty())
                .toList() : List.of();
        if (!running.isEmpty()) {
            listener.warning("stopping " + running.size() + (running.size() == 1 ? " process" : " processes")
                    + " still running in namespace " + netns
                    + ": " + String.join(" ", running));
            List<String> kill = new ArrayList<>(List.of("kill", "-TERM"));
            kill.addAll(running);
            local.run(kill, new byte[0], TIMEOUT);
        }
        Transport.Result result = local.run(List.of("ip", "netns", "del", netns), new byte[0], TIMEOUT);
        if (!result.ok() && exists(netns)) {
            throw failed("ip netns del " + netns, result);
        }
        record.removed(netns);
        return true;
    }

    /** {@code ip -n NETNS args...}; the result whatever the exit. */
    Transport.Result ip(String netns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", netns));
        argv.addAll(Arrays.asList(args));
        return local.run(argv, new byte[0], TIMEOUT);
    }

    /** {@code ip -n NETNS args...}, failing with a LabException that names the command. */
    void ipMust(String netns, String... args) {
        Transport.Result result = ip(netns, args);
        if (!result.ok()) {
            throw failed("ip -n " + netns + " " + String.join(" ", args), result);
        }
    }

    /** {@code ip -j -n NETNS args...} parsed; an empty array when the object does not exist. */
    JsonNode ipJson(String netns, String... args) {
        List<String> argv = new ArrayList<>(List.of("-j"));
        argv.addAll(Arrays.asList(args));
        Transport.Result result = ip(netns, argv.toArray(String[]::new));
        if (!result.ok() || result.stdout().isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new LabException("cannot read the output of ip -j -n " + netns + " " + String.join(" ", args)
                    + ": " + e.getMessage(), null);
        }
    }

    boolean linkExists(String netns, String link) {
        return ip(netns, "link", "show", "dev", link).ok();
    }

    /** IPv4 addresses (a.b.c.d/len) on a link. */
    List<String> addresses(String netns, String link) {
        return listed(ipJson(netns, "-4", "addr", "show", "dev", link));
    }

    /**
     * The addresses of an {@code ip -j addr show} listing. iproute2 prints an empty object for each address its
     * filter leaves out (a link-local address under {@code scope global}): those are skipped.
     */
    private static List<String> listed(JsonNode links) {
        List<String> found = new ArrayList<>();
        for (JsonNode entry : links) {
            for (JsonNode info : entry.path("addr_info")) {
                if (info.has("local")) {
                    found.add(info.path("local").asText() + "/" + info.path("prefixlen").asInt());
                }
            }
        }
        return found;
    }

    /** Makes {@code address} the only IPv4 address on the link. */
    void setOnlyAddress(String netns, String link, String address) {
        setOnly(netns, link, address, addresses(netns, link));
    }

    /** Deletes {@code current} but {@code address}, then adds {@code address} (with {@code flags}) if missing. */
    private void setOnly(String netns, String link, String address, List<String> current, String... flags) {
        for (String other : current) {
            if (!other.equals(address)) {
                ipMust(netns, "addr", "del", other, "dev", link);
            }
        }
        if (!current.contains(address)) {
            List<String> add = new ArrayList<>(List.of("addr", "add", address, "dev", link));
            add.addAll(List.of(flags));
            ipMust(netns, add.toArray(String[]::new));
        }
    }

    /** The global IPv6 addresses on a link, as {@code address/prefix}. */
    List<String> addresses6(String netns, String link) {
        return listed(ipJson(netns, "-6", "addr", "show", "dev", link, "scope", "global"));
    }

    /**
     * Waits (5 s at most) until no IPv6 address on the link is tentative: an address the CNI bridge plugin adds goes
     * through duplicate address detection first and cannot be used until it is done, so pinging at once fails.
     */
    void awaitSettled6(String netns, String link) {
        for (int i = 0; i < 100; i++) {
            if (!ipJson(netns, "-6", "addr", "show", "dev", link, "tentative").elements().hasNext()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Makes {@code address} the only global IPv6 address on the link, added without duplicate address detection so
     * that it is usable at once (the lab's addresses are unique by construction).
     */
    void setOnlyAddress6(String netns, String link, String address) {
        setOnly(netns, link, address, addresses6(netns, link), "nodad");
    }

    /** Runs {@code argv} inside the namespace ({@code ip netns exec}). */
    Transport.Result exec(String netns, List<String> argv, String stdin, Duration timeout) {
        try (Transport inside = new NetnsTransport(netns)) {
            return inside.run(argv, stdin.getBytes(StandardCharsets.UTF_8), timeout);
        }
    }

    /** Sets a sysctl inside the namespace, never in ovnet's own. */
    void sysctl(String netns, String key, String value) {
        Transport.Result result = exec(netns, List.of("sysctl", "-q", "-w", key + "=" + value), "", TIMEOUT);
        if (!result.ok()) {
            throw failed("ip netns exec " + netns + " sysctl -w " + key + "=" + value, result);
        }
    }

    private void must(List<String> argv) {
        Transport.Result result = local.run(argv, new byte[0], TIMEOUT);
        if (!result.ok()) {
            throw failed(String.join(" ", argv), result);
        }
    }

    static LabException failed(String command, Transport.Result result) {
        String detail = result.stderr().isBlank() ? result.stdout().strip() : result.stderr().strip();
        return new LabException("`" + command + "` failed (exit " + result.exit() + "): " + detail,
                "the lab needs root and iproute2; `ovnet lab down -f FILE` removes a half-built lab");
    }
}
