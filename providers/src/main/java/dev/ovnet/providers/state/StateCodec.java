package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.State;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * State to JSON bytes and back. The written form is pretty-printed with a two-space indent, fields in a fixed
 * order (docs/state.md), one trailing newline; the compact form is the same JSON on one line, for stores that
 * are not read by people first (etcd). Reading is strict and never lets a parser exception through: a damaged
 * or cut-short state, a wrong field or a state from a newer ovnet becomes a {@link StateException} that names
 * the source and says how to recover.
 */
public final class StateCodec {

    private static final ObjectMapper MAPPER = StrictJson.MAPPER;
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Two-space indent, {@code "key": value}, empty containers as {@code []} and {@code {}}. */
    static final DefaultPrettyPrinter PRETTY = prettyPrinter();

    private StateCodec() {
    }

    /** The state as pretty-printed JSON (what the local file holds). */
    public static byte[] encode(State state) {
        return encode(state, true);
    }

    /** The state as JSON on one line. */
    public static byte[] encodeCompact(State state) {
        return encode(state, false);
    }

    private static byte[] encode(State state, boolean pretty) {
        if (state.version() != State.FORMAT_VERSION) {
            throw new IllegalArgumentException("cannot write state format version " + state.version());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try {
            (pretty ? MAPPER.writer(PRETTY) : MAPPER.writer()).writeValue(bytes, StateJson.of(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pretty) {
            bytes.write('\n');
        }
        byte[] encoded = bytes.toByteArray();
        requireReadable(encoded);
        return encoded;
    }

    /**
     * The writer keeps the reader's rules: a state that this ovnet would refuse to read back (a value from a host
     * or a file that slipped past their checks) is never written, so it can never lock every later command out.
     */
    private static void requireReadable(byte[] encoded) {
        try {
            fromTree(MAPPER.readTree(encoded));
        } catch (StrictJson.BadJson e) {
            throw new StateException("ovnet will not write this state, because it could not read it back: "
                    + e.getMessage(), "nothing was written: the state as it was before is still in place."
                    + " The value named came from a host or from the file past ovnet's checks; correct it there");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state in a parsed tree, by the reader's rules; version 0 and below are refused. */
    private static State fromTree(JsonNode root) {
        StateValues.checkText(root, "");
        State state = StrictJson.bind(root, StateJson.class, "", StateJson.FORMAT).toState();
        if (state.version() < 1) {
            throw new StrictJson.BadJson("version", "must be " + State.FORMAT_VERSION + ", found "
                    + state.version());
        }
        return state;
    }

    /**
     * Reads a state.
     *
     * @param source what the bytes are, for messages (a path, an etcd key)
     * @param restoreHint what the user can do when the state cannot be read (e.g. restore the backup)
     */
    public static State decode(byte[] bytes, String source, String restoreHint) {
        JsonNode root = parse(bytes, source, restoreHint);
        JsonNode version = root.get("version");
        if (version != null && version.isIntegralNumber() && version.canConvertToInt()
                && version.intValue() > State.FORMAT_VERSION) {
            throw new StateException("the state " + source + " has format version " + version.intValue()
                    + ", but this ovnet reads only version " + State.FORMAT_VERSION
                    + ": it was written by a newer ovnet",
                    "use the newer ovnet that wrote it; this one will not read or overwrite it. If no newer ovnet"
                            + " wrote it: " + restoreHint);
        }
        if (!root.has("lineage")) {
            // not even meant to be a state (a state path may name any file): nothing of it goes into the message
            throw new StateException("cannot read the state " + source + ": it has no \"lineage\" field, which every"
                    + " state ovnet writes has: it is not an ovnet state", restoreHint);
        }
        try {
            return fromTree(root);
        } catch (StrictJson.BadJson e) {
            throw new StateException("cannot read the state " + source + ": " + e.getMessage(), restoreHint);
        }
    }

    private static JsonNode parse(byte[] bytes, String source, String restoreHint) {
        if (bytes.length == 0) {
            throw new StateException("cannot read the state " + source + ": it is empty", restoreHint);
        }
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || !root.isObject()) {
                throw new StateException("cannot read the state " + source + ": it is not a JSON object",
                        restoreHint);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new StateException("cannot read the state " + source + ": it is not valid JSON ("
                    + shortMessage(e) + "); the file is damaged or was cut short", restoreHint);
        } catch (IOException e) {
            throw new StateException("cannot read the state " + source + ": " + e.getMessage(), restoreHint, e);
        }
    }

    /**
     * Jackson's message without anything taken from the file (it quotes the token or character it stumbled on, and
     * a state path may name a file that is not a state), plus line and column.
     */
    private static String shortMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String cut : new String[] {"\n", " (", " '", ": was expecting", " at [Source"}) {
            int at = message.indexOf(cut);
            if (at > 0) {
                message = message.substring(0, at);
            }
        }
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            message += " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        }
        return message;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
