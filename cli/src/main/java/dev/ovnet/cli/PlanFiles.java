package dev.ovnet.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.state.HostReadingJson;
import dev.ovnet.providers.state.LocalStateStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Saved plans on disk: written to a temporary file of mode 0600 in the same folder, synced, renamed over the
 * target and the folder synced, so a reader never sees half a plan; read strictly, every field checked, so a
 * damaged or hand-edited file is refused with the field it is about.
 */
final class PlanFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The field holding the plan's HMAC-SHA256 (only when {@code OVNET_PLAN_KEY} was set at {@code plan -out}). */
    static final String HMAC = "hmac_sha256";

    private PlanFiles() {
    }

    /**
     * Refuses a {@code -out} target that is not a plan file: the configuration, the local state, its backup or lock
     * (symlinks resolved), or any existing file that is not a saved plan. Called before anything is read or
     * written, so a refused {@code -out} leaves every file as it was.
     */
    static void refuseOverwrite(Path file, Path config, StateStore store) {
        Map<Path, String> guarded = new LinkedHashMap<>();
        guarded.put(config, "the configuration file");
        if (store instanceof LocalStateStore local) {
            guarded.put(local.path(), "the state file");
            guarded.put(local.backupPath(), "the state's backup");
            guarded.put(local.lockPath(), "the state's lock file");
        }
        Path target = canonical(file);
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "") + ".plan";
        String hint = "give -out a file of its own, e.g. -out " + Shell.quote(name);
        for (Map.Entry<Path, String> g : guarded.entrySet()) {
            if (canonical(g.getKey()).equals(target)) {
                throw new PlanFileException("refusing to save the plan to " + file + ": it is " + g.getValue()
                        + ", which the plan would overwrite", hint);
            }
        }
        if (Files.exists(target) && !isPlan(target)) {
            throw new PlanFileException("refusing to save the plan to " + file + ": it exists and is not a plan"
                    + " saved by ovnet, so writing it would destroy it", hint + ", or remove " + file + " first");
        }
    }

    /** The path with symlinks resolved as far as it exists: two names of one file compare equal. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                return absolute.toRealPath();
            }
            Path parent = absolute.getParent();
            return parent != null && Files.isDirectory(parent)
                    ? parent.toRealPath().resolve(absolute.getFileName()) : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    /** Whether a file reads as a saved plan of any format version: a JSON object with ovnet's plan fields. */
    private static boolean isPlan(Path file) {
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            JsonNode root = MAPPER.readTree(parser);
            return root != null && root.isObject() && root.has("format_version") && root.has("ovnet_version")
                    && root.has("plan") && root.has("readings");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void write(Path file, SavedPlan plan) {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                try (JsonGenerator g = new JsonFactory(MAPPER).createGenerator(out)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.useDefaultPrettyPrinter();
                    write(g, plan, true);
                }
                out.write('\n');
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (NoSuchFileException e) {
            throw new PlanFileException("cannot save the plan to " + file + ": no such folder " + folder,
                    "create the folder, or give another path with -out");
        } catch (IOException e) {
            throw new PlanFileException("cannot save the plan to " + file + ": " + e.getMessage(),
                    "check that the folder is writable", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * What a plan's HMAC covers: the plan as JSON on one line without its HMAC. Computed from the plan as read,
     * so it covers every field ovnet uses, whatever the file's spacing.
     */
    static byte[] content(SavedPlan plan) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
        try (JsonGenerator g = new JsonFactory(MAPPER).createGenerator(out)) {
            write(g, plan, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, SavedPlan p, boolean withHmac) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format_version", p.formatVersion());
        g.writeStringField("ovnet_version", p.ovnetVersion());
        g.writeStringField("created", p.created());
        g.writeObjectFieldStart("config");
        g.writeStringField("path", p.configPath().toString());
        g.writeStringField("sha256", p.configSha256());
        g.writeEndObject();
        g.writeObjectFieldStart("state");
        g.writeBooleanField("existed", p.stateExisted());
        g.writeStringField("lineage", p.lineage());
        g.writeNumberField("serial", p.serial());
        g.writeArrayFieldStart("hosts");
        for (SavedPlan.HostLine h : p.hosts()) {
            g.writeStartObject();
            g.writeStringField("name", h.name());
            g.writeStringField("lease", h.lease());
            g.writeStringField("status", h.status());
            g.writeNumberField("applied_serial", h.appliedSerial());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("plan");
        g.writeBooleanField("destroy", p.destroy());
        g.writeBooleanField("refreshed", p.refreshed());
        g.writeBooleanField("complete", p.complete());
        strings(g, "targets", p.targetPatterns());
        strings(g, "target_hosts", new ArrayList<>(new TreeSet<>(p.targetHosts())));
        g.writeStringField("sha256", p.planSha256());
        g.writeEndObject();
        g.writeObjectFieldStart("readings");
        for (Map.Entry<String, HostReading> e : new TreeMap<>(p.readings()).entrySet()) {
            g.writeFieldName(e.getKey());
            HostReadingJson.write(g, e.getValue());
        }
        g.writeEndObject();
        if (withHmac && p.hmacSha256() != null) {
            g.writeStringField(HMAC, p.hmacSha256());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static SavedPlan read(Path file) {
        JsonNode root;
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            root = MAPPER.readTree(parser);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new PlanFileException("no saved plan at " + file, "make one with 'ovnet plan -out " + file + "'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw damaged(file, "it is not valid JSON (" + e.getOriginalMessage()
                    + "); it is damaged or was cut short");
        } catch (IOException e) {
            throw new PlanFileException("cannot read the saved plan " + file + ": " + e.getMessage(),
                    "check the path and its permissions", e);
        }
        try {
            JsonFields top = new JsonFields(root, "");
            int format = top.integer("format_version");
            if (format != SavedPlan.FORMAT_VERSION) {
                throw new PlanFileException("the saved plan " + file + " has format version " + format
                        + "; this ovnet reads version " + SavedPlan.FORMAT_VERSION,
                        "make the plan again with this ovnet: ovnet plan -out " + file);
            }
            String version = top.text("ovnet_version");
            String created = top.text("created");
            JsonFields config = top.object("config");
            JsonFields state = top.object("state");
            List<SavedPlan.HostLine> hosts = new ArrayList<>();
            for (JsonFields h : state.objects("hosts")) {
                hosts.add(new SavedPlan.HostLine(h.text("name"), h.text("lease"), h.text("status"),
                        h.number("applied_serial")));
                h.done();
            }
            JsonFields plan = top.object("plan");
            Map<String, HostReading> readings = new LinkedHashMap<>();
            JsonNode r = top.node("readings");
            if (!r.isObject()) {
                throw new IllegalArgumentException("readings: must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                readings.put(e.getKey(), HostReadingJson.read(e.getValue(), "readings." + e.getKey()));
            }
            SavedPlan saved = new SavedPlan(format, version, created, Path.of(config.text("path")),
                    config.text("sha256"), state.bool("existed"), state.text("lineage"), state.number("serial"),
                    hosts, plan.bool("destroy"), plan.bool("refreshed"), plan.bool("complete"),
                    plan.texts("targets"), new TreeSet<>(plan.texts("target_hosts")), plan.text("sha256"), readings,
                    root.has(HMAC) ? top.text(HMAC) : null);
            config.done();
            state.done();
            plan.done();
            top.done();
            return saved;
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    private static PlanFileException damaged(Path file, String problem) {
        return new PlanFileException("cannot read the saved plan " + file + ": " + problem,
                "make the plan again: ovnet plan -out " + file);
    }
}
