package dev.ovnet.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ovnet plan -out FILE} saves (docs/operations.md): enough to plan again exactly, and to say what moved
 * when the plan can no longer be applied. The configuration is referred to by path and checksum, the state by
 * lineage and serial plus a line per host; the refresh readings are kept whole, because the planner is a
 * function of configuration, state and readings. {@code planSha256} is the checksum of the plan's JSON form
 * ({@code ovnet plan --json}), which {@code apply FILE} compares with the plan it computes again. Nothing in it is
 * a secret: readings hold kernel objects and files ovnet writes, never keys or passphrases. {@code hmacSha256}
 * binds the plan to the holder of {@code OVNET_PLAN_KEY} ({@link PlanKey}); null when the plan was made without.
 */
record SavedPlan(
        int formatVersion,
        String ovnetVersion,
        String created,
        Path configPath,
        String configSha256,
        boolean stateExisted,
        String lineage,
        long serial,
        List<HostLine> hosts,
        boolean destroy,
        boolean refreshed,
        boolean complete,
        List<String> targetPatterns,
        Set<String> targetHosts,
        String planSha256,
        Map<String, HostReading> readings,
        String hmacSha256) {

    static final int FORMAT_VERSION = 1;

    SavedPlan {
        hosts = List.copyOf(hosts);
        targetPatterns = List.copyOf(targetPatterns);
        targetHosts = Set.copyOf(targetHosts);
    }

    /** One host of the state the plan was made against: what a refusal compares. */
    record HostLine(String name, String lease, String status, @JsonProperty("applied_serial") long appliedSerial) {

        static HostLine of(HostState h) {
            return new HostLine(h.name(), h.mainLease().toString(), h.status().word(), h.appliedSerial());
        }
    }

    /** This plan with the HMAC of its content under {@code key}. */
    SavedPlan signedWith(PlanKey key) {
        return new SavedPlan(formatVersion, ovnetVersion, created, configPath, configSha256, stateExisted, lineage,
                serial, hosts, destroy, refreshed, complete, targetPatterns, targetHosts, planSha256, readings,
                key.sign(PlanFiles.content(this)));
    }

    static List<HostLine> lines(State state) {
        return state.hosts().stream().map(HostLine::of).toList();
    }
}
