package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.plan.HostReading;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HostReadingJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String json(HostReading reading) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            HostReadingJson.write(out, reading);
        }
        return text.toString();
    }

    @Test
    void everyKindOfObjectAndTheFactsSurviveTheRoundTrip() throws Exception {
        HostReading reading = new HostReading(new HostFacts("eth0", 9000, Cidr.parse("192.0.2.0/24"), false, false),
                StateFixtures.everyKind());
        String text = json(reading);
        assertEquals(reading, HostReadingJson.read(MAPPER.readTree(text), "readings.h"));
        assertTrue(text.contains("\"kind\":\"route\""), text);
    }

    @Test
    void aDamagedReadingNamesTheField() throws Exception {
        HostReading reading = new HostReading(HostFacts.assumed(null), StateFixtures.everyKind());
        JsonNode node = MAPPER.readTree(json(reading));
        ((ObjectNode) node.get("facts")).put("mtu", "big");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostReadingJson.read(node, "readings.node-1"));
        assertTrue(e.getMessage().startsWith("readings.node-1.facts.mtu: must be a whole number"), e.getMessage());
        ObjectNode extra = (ObjectNode) MAPPER.readTree(json(reading));
        extra.put("secret", "x");
        e = assertThrows(IllegalArgumentException.class, () -> HostReadingJson.read(extra, "r"));
        assertTrue(e.getMessage().contains("r.secret: unknown field"), e.getMessage());
    }
}
