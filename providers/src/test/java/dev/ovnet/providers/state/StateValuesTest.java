package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.StateException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A state whose names or paths could reach a command line or a file operation is refused, naming the field. */
class StateValuesTest {

    private static final String HINT = "restore /srv/s.json.backup";

    private static StateException refused(String from, String to) {
        String json = new String(StateCodec.encode(StateFixtures.sample(3)), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), from);
        byte[] bad = json.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)).getBytes(StandardCharsets.UTF_8);
        StateException e = assertThrows(StateException.class, () -> StateCodec.decode(bad, "/srv/s.json", HINT));
        assertEquals(HINT, e.hint());
        return e;
    }

    @Test
    void hostileNamesAndPathsAreRefused() {
        assertTrue(refused("\"netns\": \"", "\"netns\": \"../../etc").getMessage().contains("hosts[0].netns"));
        assertTrue(refused("\"root\": \"", "\"root\": \"rel/").getMessage().contains("hosts[0].root"));
        assertTrue(refused("\"name\": \"", "\"name\": \"$(touch /tmp/x)").getMessage().contains("network.name"));
        assertTrue(refused("\"lineage\": \"", "\"lineage\": \"a b").getMessage().contains("lineage"));
        assertTrue(refused("\"serial\": 3", "\"serial\": -3").getMessage().contains("serial"));
        assertTrue(refused("\"path\": \"", "\"path\": \"../").getMessage().contains("objects"));
    }

    @Test
    void aControlCharacterOutsideFileContentIsRefused() {
        StateException e = refused("\"dev\": \"", "\"dev\": \"eth0\\nlink del eth0");
        assertTrue(e.getMessage().contains("U+000A"), e.getMessage());
    }

    @Test
    void anAbsurdVersionIsDamageNotTheFuture() {
        StateException e = refused("\"version\": 1", "\"version\": 99999999999999999999999");
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }
}
