package dev.ovnet.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.providers.state.HostReadingJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON form of a {@link SavedPlan} (docs/operations.md): records that mirror the file, bound by the strict
 * reader the state uses ({@code StrictJson}), so every field is required and typed and an unknown one is refused.
 * The readings are in the state's own form ({@link HostReadingJson}); the target hosts and the readings are
 * written sorted, so the same plan is always the same bytes (its HMAC covers them).
 */
record SavedPlanJson(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("ovnet_version") String ovnetVersion,
        String created,
        ConfigJson config,
        StateJson state,
        PlanJson plan,
        Map<String, HostReadingJson> readings,
        @JsonProperty(PlanFiles.HMAC) @JsonInclude(JsonInclude.Include.NON_NULL) String hmacSha256) {

    /** What an unknown field is not part of. */
    static final String FORMAT = "saved plan format version " + SavedPlan.FORMAT_VERSION;

    record ConfigJson(String path, String sha256) {
    }

    record StateJson(boolean existed, String lineage, long serial, List<SavedPlan.HostLine> hosts) {
    }

    record PlanJson(boolean destroy, boolean refreshed, boolean complete, List<String> targets,
            @JsonProperty("target_hosts") List<String> targetHosts, String sha256) {
    }

    /** The plan's form; without its HMAC for what the HMAC covers. */
    static SavedPlanJson of(SavedPlan p, boolean withHmac) {
        Map<String, HostReadingJson> readings = new TreeMap<>();
        p.readings().forEach((host, reading) -> readings.put(host, HostReadingJson.of(reading)));
        return new SavedPlanJson(p.formatVersion(), p.ovnetVersion(), p.created(),
                new ConfigJson(p.configPath().toString(), p.configSha256()),
                new StateJson(p.stateExisted(), p.lineage(), p.serial(), p.hosts()),
                new PlanJson(p.destroy(), p.refreshed(), p.complete(), p.targetPatterns(),
                        List.copyOf(new TreeSet<>(p.targetHosts())), p.planSha256()),
                readings, withHmac ? p.hmacSha256() : null);
    }

    SavedPlan toSavedPlan() {
        Map<String, HostReading> byHost = new LinkedHashMap<>();
        readings.forEach((host, reading) -> byHost.put(host, reading.toReading()));
        return new SavedPlan(formatVersion, ovnetVersion, created, Path.of(config.path), config.sha256,
                state.existed, state.lineage, state.serial, state.hosts, plan.destroy, plan.refreshed,
                plan.complete, plan.targets, new TreeSet<>(plan.targetHosts), plan.sha256, byHost, hmacSha256);
    }
}
