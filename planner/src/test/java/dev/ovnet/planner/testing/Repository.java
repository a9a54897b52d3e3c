package dev.ovnet.planner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's own files, found from the module folder a test runs in (Maven runs each module's tests there),
 * for tests that check what a user reads: the examples, the docs, the sources.
 */
public final class Repository {

    private Repository() {
    }

    /** The repository's top folder: the nearest folder up from the working folder that holds examples/. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no repository (a folder with pom.xml and examples/) above "
                + Path.of("").toAbsolutePath());
    }

    /** Every {@code examples/*.yaml}, by name. */
    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(root().resolve("examples"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
