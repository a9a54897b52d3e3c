package dev.ovnet.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.state.LocalStateStore;
import dev.ovnet.providers.state.StrictJson;
import java.io.FileNotFoundException;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saved plans on disk: written to a temporary file of mode 0600 in the same folder, synced, renamed over the
 * target and the folder synced, so a reader never sees half a plan; read strictly, every field checked, so a
 * damaged or hand-edited file is refused with the field it is about.
 */
final class PlanFiles {

    private static final ObjectMapper MAPPER = StrictJson.MAPPER;

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
        String hint = "give -out a file of its own, e.g. -out " + Shell.quote(ownName(config));
        Path target = canonical(file);
        for (Map.Entry<Path, String> g : guarded(config, store).entrySet()) {
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

    /**
     * The command that saves a new plan in place of {@code file}: to {@code file} itself only where {@code plan
     * -out} would accept it, else to a name of its own, so a hint never suggests writing over the configuration,
     * the state or any file that is not a plan. {@code store} may be null when the state is not open yet (only
     * the configuration is guarded then).
     */
    static String remake(Path file, Path config, StateStore store) {
        String out = Shell.quote(file.toString());
        Path target = canonical(file);
        boolean ours = guarded(config, store).keySet().stream().noneMatch(g -> canonical(g).equals(target))
                && (!Files.exists(target) || isPlan(target));
        if (!ours) {
            out = Shell.quote(ownName(config));
        }
        return "ovnet plan -f " + Shell.quote(config.toString()) + " -out " + out;
    }

    /** The files a plan must never be written over, with what each is. */
    private static Map<Path, String> guarded(Path config, StateStore store) {
        Map<Path, String> guarded = new LinkedHashMap<>();
        guarded.put(config, "the configuration file");
        if (store instanceof LocalStateStore local) {
            guarded.put(local.path(), "the state file");
            guarded.put(local.backupPath(), "the state's backup");
            guarded.put(local.lockPath(), "the state's lock file");
        }
        return guarded;
    }

    /** A plan file name of its own beside {@code config}: {@code lab.yaml} gives {@code lab.plan}. */
    private static String ownName(Path config) {
        return config.getFileName().toString().replaceFirst("\\.ya?ml$", "") + ".plan";
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
                MAPPER.writer().withDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValue(out, SavedPlanJson.of(plan, true));
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
        try {
            return MAPPER.writeValueAsBytes(SavedPlanJson.of(plan, false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SavedPlan read(Path file) {
        JsonNode root;
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            root = MAPPER.readTree(parser);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new PlanFileException("no saved plan at " + file, "make one with " + remakeUnknown(file));
        } catch (JsonProcessingException e) {
            throw damaged(file, "it is not valid JSON (" + e.getOriginalMessage()
                    + "); it is damaged or was cut short");
        } catch (IOException e) {
            throw new PlanFileException("cannot read the saved plan " + file + ": " + e.getMessage(),
                    "check the path and its permissions", e);
        }
        JsonNode format = root == null ? null : root.get("format_version");
        if (format != null && format.canConvertToInt() && format.isIntegralNumber()
                && format.intValue() != SavedPlan.FORMAT_VERSION) {
            throw new PlanFileException("the saved plan " + file + " has format version " + format.intValue()
                    + "; this ovnet reads version " + SavedPlan.FORMAT_VERSION,
                    "make the plan again with this ovnet: " + remakeUnknown(file));
        }
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the file: must be an object");
            }
            return StrictJson.bind(root, SavedPlanJson.class, "", SavedPlanJson.FORMAT).toSavedPlan();
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /**
     * The command that makes a plan when the configuration is not known yet (the plan file could not be read):
     * the configuration is the default one, and a file named like a configuration or state is not written over.
     */
    private static String remakeUnknown(Path file) {
        String name = file.getFileName().toString();
        boolean plain = !name.matches(".*\\.(ya?ml|json|backup|lock)") && (!Files.exists(file) || isPlan(file));
        return "ovnet plan -f ovnet.yaml -out " + Shell.quote(plain ? file.toString() : "ovnet.plan");
    }

    private static PlanFileException damaged(Path file, String problem) {
        if (file.getFileName().toString().matches(".*\\.ya?ml")) {
            return new PlanFileException("cannot read the saved plan " + file + ": " + problem,
                    file + " looks like a configuration file, not a plan: to apply it run 'ovnet apply -f "
                            + Shell.quote(file.toString()) + "'; to save a plan of it: ovnet plan -f "
                            + Shell.quote(file.toString()) + " -out " + Shell.quote(ownName(file)));
        }
        return new PlanFileException("cannot read the saved plan " + file + ": " + problem,
                "make the plan again: " + remakeUnknown(file));
    }
}
