package dev.ovnet.cli;

import dev.ovnet.cli.render.JsonPlan;
import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.OwnedObjects;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.state.State;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks before {@code ovnet apply PLANFILE}, each refusing with what moved: the same ovnet, the same
 * configuration bytes, the same state (lineage and serial; a moved serial names the hosts whose record changed),
 * and finally the same plan computed again from the saved inputs.
 */
final class SavedPlanCheck {

    private SavedPlanCheck() {
    }

    /**
     * With {@code OVNET_PLAN_KEY} set, the plan must carry the HMAC of its content under that key: it was made by
     * a holder of the key and not changed since. Without the key an HMAC cannot be checked, which is said.
     */
    static void producer(SavedPlan saved, Optional<PlanKey> key, Style style, String remake, PrintWriter err) {
        String hint = "make the plan again in a job that has the same " + PlanKey.ENV + ": " + remake;
        if (key.isEmpty()) {
            if (saved.hmacSha256() != null) {
                err.println(style.warning() + "the saved plan carries an HMAC, but " + PlanKey.ENV
                        + " is not set, so it was"
                        + " not checked; set it to check who made the plan.");
            }
            return;
        }
        if (saved.hmacSha256() == null) {
            throw new PlanFileException("the saved plan carries no HMAC, and " + PlanKey.ENV + " is set: only a plan"
                    + " made with the key is applied", hint);
        }
        if (!key.get().signed(PlanFiles.content(saved), saved.hmacSha256())) {
            throw new PlanFileException("the saved plan's HMAC does not match " + PlanKey.ENV + ": the plan was"
                    + " changed after it was made, or made with another key", hint);
        }
    }

    static void version(SavedPlan saved, String running, String remake) {
        if (!saved.ovnetVersion().equals(running)) {
            throw new PlanFileException("the saved plan was made by ovnet " + saved.ovnetVersion() + ", this is ovnet "
                    + running + ": a plan is applied only by the ovnet that made it",
                    "make the plan again with this ovnet: " + remake);
        }
    }

    /** The configuration file's bytes must be those the plan was made from. */
    static void config(SavedPlan saved) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(saved.configPath());
        } catch (NoSuchFileException e) {
            throw new PlanFileException("the configuration " + saved.configPath() + " of the saved plan is gone",
                    "put it back, or make a new plan");
        } catch (IOException e) {
            throw new PlanFileException("cannot read the configuration " + saved.configPath() + ": " + e.getMessage(),
                    "check the path and its permissions", e);
        }
        configSha(saved, LoadedConfig.sha256(bytes));
    }

    /** The checksum of the configuration as loaded must be the saved one. */
    static void configSha(SavedPlan saved, String sha256) {
        if (!sha256.equals(saved.configSha256())) {
            throw new PlanFileException("the configuration changed since the plan was saved: "
                    + saved.configPath() + " is not the file the plan was made from",
                    "review the change with 'ovnet plan -f " + saved.configPath() + "' and save a new plan");
        }
    }

    /**
     * The state must be the one the plan was made against; {@code remake} is the command that saves a new plan
     * ({@link PlanFiles#remake}).
     */
    static void state(SavedPlan saved, boolean existed, State now, String remake) {
        String hint = "make a new plan and review it: " + remake;
        if (!saved.stateExisted() && existed) {
            throw new PlanFileException("Saved plan is stale: it was made when there was no state, and a state was"
                    + " written since (serial " + now.serial() + ", hosts " + names(now) + ")", hint);
        }
        if (saved.stateExisted() && !existed) {
            throw new PlanFileException("Saved plan does not match the given state: it was made against state serial "
                    + saved.serial() + ", and there is no state now", hint);
        }
        if (!existed) {
            return;
        }
        if (!saved.lineage().equals(now.lineage())) {
            throw new PlanFileException("Saved plan does not match the given state: it was made for a state of"
                    + " lineage " + saved.lineage() + ", the state has lineage " + now.lineage(), hint);
        }
        if (saved.serial() != now.serial()) {
            List<String> moved = moved(saved, now);
            throw new PlanFileException("Saved plan is stale: the state moved from serial " + saved.serial() + " to "
                    + now.serial() + " since the plan was made; changed since: "
                    + (moved.isEmpty() ? "no host record (a change to the state only)" : String.join(", ", moved)),
                    hint);
        }
    }

    /**
     * Every reading must hold only what ovnet could have made on its host, under the root the file or the state
     * gives it: the plan is computed again from these readings, and destroy and replace act on what they list. A
     * plan file is only as trustworthy as whoever could write it, and its checksum is no protection (anyone can
     * compute it again), so a reading listing a file elsewhere or someone else's chain is refused here, before
     * any host is touched.
     */
    static void readings(SavedPlan saved, NetworkConfig config, State now) {
        for (Map.Entry<String, HostReading> e : saved.readings().entrySet()) {
            String host = e.getKey();
            Set<String> roots = new LinkedHashSet<>();
            config.host(host).ifPresent(h -> roots.add(h.root()));
            now.host(host).ifPresent(h -> roots.add(h.root()));
            OwnedObjects.firstForeign(host, e.getValue().objects(), roots).ifPresent(f -> {
                throw new PlanFileException("the saved plan's readings." + host + ".objects[" + f.index() + "] is"
                        + " not what ovnet reads from a host: " + f.message(),
                        "the plan file was changed after 'ovnet plan -out' wrote it: make a new plan and keep plan"
                                + " files where only the jobs that run ovnet can write them (see OVNET_PLAN_KEY)");
            });
        }
    }

    /** Each host whose record differs, with how. */
    static List<String> moved(SavedPlan saved, State now) {
        Map<String, SavedPlan.HostLine> then = new LinkedHashMap<>();
        saved.hosts().forEach(h -> then.put(h.name(), h));
        Map<String, SavedPlan.HostLine> current = new LinkedHashMap<>();
        now.hosts().forEach(h -> current.put(h.name(), SavedPlan.HostLine.of(h)));
        TreeSet<String> names = new TreeSet<>(then.keySet());
        names.addAll(current.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            SavedPlan.HostLine a = then.get(name);
            SavedPlan.HostLine b = current.get(name);
            if (a == null) {
                out.add(name + " (added to the state" + (b.appliedSerial() > saved.serial()
                        ? ", applied at serial " + b.appliedSerial() : "") + ")");
            } else if (b == null) {
                out.add(name + " (removed from the state)");
            } else if (!a.equals(b)) {
                List<String> how = new ArrayList<>();
                if (b.appliedSerial() != a.appliedSerial()) {
                    how.add("applied again at serial " + b.appliedSerial());
                }
                if (!a.lease().equals(b.lease())) {
                    how.add("lease " + a.lease() + " -> " + b.lease());
                }
                if (!a.status().equals(b.status())) {
                    how.add("status " + a.status() + " -> " + b.status());
                }
                out.add(name + " (" + String.join(", ", how) + ")");
            }
        }
        return out;
    }

    private static String names(State state) {
        List<String> names = state.hosts().stream().map(h -> h.name()).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The checksum of the plan's JSON form, computed as it is written (the JSON never sits in memory). */
    static String sha256(Plan plan, String ovnetVersion) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
            try (Writer writer = new OutputStreamWriter(sink, StandardCharsets.UTF_8)) {
                JsonPlan.write(plan, writer, ovnetVersion);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan computed again must be the saved one. */
    static void samePlan(SavedPlan saved, Plan again, String remake) {
        String sha = sha256(again, saved.ovnetVersion());
        if (!sha.equals(saved.planSha256())) {
            throw new PlanFileException("the plan computed again from the saved inputs differs from the saved plan"
                    + " (sha256 " + sha.substring(0, 12) + " instead of " + saved.planSha256().substring(0,
                    Math.min(12, saved.planSha256().length())) + ")",
                    "make a new plan (" + remake + "); if it keeps happening, report it as a bug");
        }
    }
}
