package dev.ovnet.providers.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.plan.HostReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What an agent reports about its host (docs/agents.md): its status, the serial of the recorded state its host
 * matches and when it got there, the drift it repaired, its last error, its version, and what it last read on its
 * host ({@code reading}, in the form saved plans use; null while a change is in flight), from which {@code ovnet
 * plan} shows the host.
 */
public record AgentReport(String host, String status, long serial, String appliedAt, long driftRepaired,
        String lastDrift, String lastError, String version, HostReading reading) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] encode() {
        ObjectNode r = JSON.createObjectNode();
        r.put("host", host);
        r.put("status", status);
        r.put("serial", serial);
        r.put("applied_at", appliedAt);
        r.put("drift_repaired", driftRepaired);
        r.put("last_drift", lastDrift);
        r.put("last_error", lastError);
        r.put("version", version);
        r.set("reading", reading == null ? null : StrictJson.MAPPER.valueToTree(HostReadingJson.of(reading)));
        try {
            return JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a report.
     *
     * @throws IllegalArgumentException when it is not a report this ovnet reads (named by {@code key})
     */
    public static AgentReport decode(byte[] value, String key) {
        try {
            JsonNode r = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            if (r == null || !r.isObject() || !r.path("serial").isIntegralNumber() || !r.path("host").isTextual()) {
                throw new IllegalArgumentException("the agent report " + key + " is not one this ovnet reads");
            }
            JsonNode reading = r.get("reading");
            return new AgentReport(r.get("host").asText(), text(r, "status"), r.get("serial").asLong(),
                    text(r, "applied_at"), r.path("drift_repaired").asLong(), text(r, "last_drift"),
                    text(r, "last_error"), text(r, "version"), reading == null || reading.isNull() ? null
                            : HostReadingJson.read(reading, key + " reading"));
        } catch (IOException e) {
            throw new IllegalArgumentException("the agent report " + key + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
