package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself to someone who has nothing but a clone: every package of every module says why
 * it exists, and no file sends the reader to a document outside the repository (the notes the project began from
 * are not part of it; their facts are in docs/).
 */
class RepositoryStandsAloneTest {

    /** References to files a clone does not have (written so that this file does not match them itself). */
    static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared[/]|spec [§]\\s*\\d|spec[.]md|flannel[.]md",
            Pattern.CASE_INSENSITIVE);
    /** Folders and files that are no reading matter: build output and git's own. */
    static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules");

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> sourceRoots;
        try (Stream<Path> modules = Files.list(Repository.root())) {
            sourceRoots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(sourceRoots.size() >= 3, "expected planner, providers and cli, found " + sourceRoots);
        List<String> missing = new ArrayList<>();
        for (Path sources : sourceRoots) {
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(Files::isDirectory)
                        .filter(RepositoryStandsAloneTest::holdsJava)
                        .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                        .forEach(dir -> missing.add(Repository.root().relativize(dir).toString()));
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java that says why they exist");
    }

    @Test
    void noFilePointsOutsideTheRepository() throws IOException {
        Path root = Repository.root();
        List<String> found = new ArrayList<>();
        for (Path file : textFiles(root)) {
            String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "write the fact itself, or point at docs/");
    }

    @Test
    void thePatternFindsEachKindOfReference() {
        for (String line : List.of("see ../shared" + "/reference/x", "(Spec " + "§5)", "the spec" + ".md contract",
                "flannel" + ".md §3")) {
            assertTrue(OUTSIDE.matcher(line).find(), line);
        }
        assertFalse(OUTSIDE.matcher("docs/flannel-compatibility.md, RFC 4252 §7").find());
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file a reader may open: not build output, not git's own files, not archives. */
    private static List<Path> textFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return dir.equals(root) || !SKIPPED.contains(name) ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !SKIPPED.contains(name) && !name.matches(".*\\.(jar|gz|class)$")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(files.size() > 100, "expected the repository's files under " + root + ", found " + files.size());
        return files;
    }
}
