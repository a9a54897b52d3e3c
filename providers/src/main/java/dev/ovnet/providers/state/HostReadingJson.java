package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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
public record HostReadingJson(StateJson.FactsJson facts, List<KernelObjectJson> objects) {

    public static HostReadingJson of(HostReading reading) {
        return new HostReadingJson(StateJson.FactsJson.of(reading.facts()), KernelObjectJson.of(reading.objects()));
    }

    public HostReading toReading() {
        return new HostReading(facts.toFacts(), KernelObjectJson.toModel(objects));
    }

    public static void write(JsonGenerator out, HostReading reading) throws IOException {
        StrictJson.MAPPER.writeValue(out, of(reading));
    }

    /**
     * Reads one reading.
     *
     * @param path where {@code node} is, for messages ({@code readings.node-1})
     * @throws IllegalArgumentException naming the field that is missing, mistyped or malformed
     */
    public static HostReading read(JsonNode node, String path) {
        return StrictJson.bind(node, HostReadingJson.class, path, StateJson.FORMAT).toReading();
    }
}
