package dev.ovnet.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters as a JSON file (written atomically, so {@code ovnet show} or a status command never reads half a
 * file): the process, its mode, one entry per peer with packets, bytes and drops each way, and the drops by
 * reason. Documented in docs/forwarder-benchmark.md beside the benchmark.
 */
final class StatsFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ForwarderConfig config;
    private final DataPlane plane;
    private final ModeChoice mode;
    private final String started = Instant.now().toString();
    private long reloads;
    private String lastReloadError;
    private boolean warned;

    StatsFile(ForwarderConfig config, DataPlane plane, ModeChoice mode) {
        this.mode = mode;
        this.config = config;
        this.plane = plane;
    }

    synchronized void reloaded() {
        reloads++;
        lastReloadError = null;
    }

    synchronized void reloadFailed(String why) {
        lastReloadError = why;
    }

    synchronized void write() {
        if (config.stats() == null) {
            return;
        }
        try {
            AtomicFile.write(config.stats(), JSON.writeValueAsString(snapshot()) + "\n");
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                plane.log.accept("warning: cannot write the stats file " + config.stats() + ": " + e);
            }
        }
    }

    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", ProcessHandle.current().pid());
        out.put("dev", config.dev());
        out.put("mode", mode.mode());
        out.put("modeReason", mode.description());
        out.put("bind", config.bind() + ":" + config.port());
        out.put("pool", config.pool().toString());
        out.put("subnet", config.subnet().toString());
        out.put("startedAt", started);
        out.put("updatedAt", Instant.now().toString());
        out.put("reloads", reloads);
        out.put("lastReloadError", lastReloadError);
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Peer peer : plane.table().peers()) {
            PeerCounters c = peer.counters();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("subnet", peer.subnet().toString());
            p.put("address", peer.address() + ":" + peer.port());
            p.put("txPackets", c.txPackets());
            p.put("txBytes", c.txBytes());
            p.put("txDrops", c.txDrops());
            p.put("rxPackets", c.rxPackets());
            p.put("rxBytes", c.rxBytes());
            p.put("rxDrops", c.rxDrops());
            peers.add(p);
        }
        out.put("peers", peers);
        Map<String, Object> drops = new LinkedHashMap<>();
        drops.put("tunToUdp", plane.counters.tunToUdp());
        drops.put("udpToTun", plane.counters.udpToTun());
        out.put("drops", drops);
        return out;
    }
}
