package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.HostReading;
import java.io.IOException;
import java.util.List;

/**
 * What refresh read from one host, as JSON: {@code {"facts": {...}, "objects": [...]}} with the facts and the
 * objects in exactly the form the state uses (docs/state.md). A saved plan carries these readings so that
 * {@code apply PLANFILE} can plan again from the same inputs. Reading is as strict as for the state; whether
 * each object is one ovnet could have made on its host needs the host's roots, so the saved plan's reader
 * checks that ({@code OwnedObjects}) once it knows the configuration and the state.
 */
public final class HostReadingJson {

    private HostReadingJson() {
    }

    public static void write(JsonGenerator out, HostReading reading) throws IOException {
        out.writeStartObject();
        out.writeFieldName("facts");
        StateJson.writeFacts(out, reading.facts());
        out.writeArrayFieldStart("objects");
        for (KernelObject object : reading.objects()) {
            KernelObjectJson.write(out, object);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * Reads one reading.
     *
     * @param path where {@code node} is, for messages ({@code readings.node-1})
     * @throws IllegalArgumentException naming the field that is missing, mistyped or malformed
     */
    public static HostReading read(JsonNode node, String path) {
        try {
            JsonObjectReader in = new JsonObjectReader(node, path);
            HostFacts facts = StateJson.readFacts(in, "facts", false);
            List<KernelObject> objects = in.list("objects", false, e -> KernelObjectJson.read(e.object()));
            in.done();
            return new HostReading(facts, objects);
        } catch (JsonObjectReader.BadJson e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
