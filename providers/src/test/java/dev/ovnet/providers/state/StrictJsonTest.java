package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ovnet.planner.spi.StateException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the strict reader says about each way a state's field can be wrong: the field's path, the problem and
 * what it found, as the hand-written reader before it said it.
 */
class StrictJsonTest {

    private static final String SOURCE = "/srv/ovnet.state.json";
    private static final String JSON = new String(StateCodec.encode(StateFixtures.sample(5)), StandardCharsets.UTF_8);

    @Test
    void eachWrongFieldIsNamedByItsPathWithWhatWasFound() {
        assertAll(
                () -> assertRefused("\"serial\": 5", "\"serial\": \"x\"",
                        "serial: must be a whole number, found \"x\""),
                () -> assertRefused("\"serial\": 5", "\"serial\": 1e400",
                        "serial: must be a whole number, found Infinity"),
                () -> assertRefused("\"serial\": 5", "\"serial\": -1", "serial: must not be negative, found -1"),
                () -> assertRefused("\"serial\": 5", "\"serial\": []", "serial: must be a whole number, found a list"),
                () -> assertRefused("\"version\": 1", "\"version\": 1.5", "version: must be a whole number, found 1.5"),
                () -> assertRefused("\"version\": 1", "\"version\": 99999999999999999999999",
                        "version: must be a whole number, found 99999999999999999999999"),
                () -> assertRefused("\"version\": 1", "\"version\": \"1\"",
                        "version: must be a whole number, found \"1\""),
                () -> assertRefused("\"lineage\": \"" + StateFixtures.LINEAGE + "\"", "\"lineage\": 42",
                        "lineage: must be a string, found 42"),
                () -> assertRefused("\"lineage\": \"" + StateFixtures.LINEAGE + "\"", "\"lineage\": null",
                        "lineage: must not be null"),
                () -> assertRefused("\"hosts\": [", "\"hosts\": 42, \"x\": [", "hosts: must be a list, found 42"),
                () -> assertRefused("\"network\": {", "\"network\": 7, \"x\": {",
                        "network: must be a JSON object, found 7"),
                () -> assertRefused("\"randomFully\": true", "\"randomFully\": 1",
                        "hosts[1].facts.randomFully: must be true or false, found 1"),
                () -> assertRefused("\"kind\": \"route\",", "", "hosts[1].objects[6].kind: missing"),
                () -> assertRefused("\"objects\": [", "\"objects\": [42, ",
                        "hosts[1].objects[0]: must be a JSON object, found 42"),
                () -> assertRefused("\"hosts\": [", "\"hosts\": [null, ", "hosts[0]: must not be null"),
                () -> assertRefused("\"mac\": \"", "\"mac\": \"zz:zz\", \"x\": \"",
                        "hosts[0].mac: not a MAC address: zz:zz"),
                () -> assertRefused("\"connection\": \"netns\"", "\"connection\": \"telnet\"",
                        "hosts[0].connection: \"telnet\" is not one of ssh, local, netns"),
                () -> assertRefused("\"rules\": [", "\"rules\": [null, ",
                        "hosts[1].objects[8].rules[0]: must not be null"),
                () -> assertRefused("\"rules\": [", "\"rules\": [7, ",
                        "hosts[1].objects[8].rules[0]: must be a string, found 7"),
                () -> assertRefused("\"subnetLength\": 24", "\"subnetLength\": 3000000000",
                        "network.subnetLength: must be a whole number, found 3000000000"));
    }

    private static void assertRefused(String from, String to, String expected) {
        String json = JSON.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        StateException e = assertThrows(StateException.class,
                () -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE, "restore"), to);
        String message = e.getMessage().substring(("cannot read the state " + SOURCE + ": ").length());
        assertEquals(expected, message);
    }
}
