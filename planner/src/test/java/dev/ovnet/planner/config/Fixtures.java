package dev.ovnet.planner.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example files under src/test/resources/config. */
final class Fixtures {

    static final String MINIMAL = """
            network:
              pool: 10.100.0.0/16
            hosts:
              - name: node-1
                address: 192.0.2.11
            """;

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetworkConfig parse(String yaml) {
        return ConfigParser.parse("ovnet.yaml", yaml);
    }

    static NetworkConfig parseFixture(String name) {
        return ConfigParser.parse(name, read(name));
    }
}
