package dev.ovnet.forwarder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The classpath of the running tests, to start the forwarder and test tools as separate JVMs inside a namespace.
 * Surefire and failsafe put it in {@code surefire.test.class.path}; otherwise the JVM's own classpath, expanded
 * when it is a manifest-only jar.
 */
public final class TestClasspath {

    private TestClasspath() {
    }

    public static String get() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        String[] entries = cp.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            return expand(Path.of(entries[0]));
        }
        return cp;
    }

    private static String expand(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return jar.toString();
            }
            List<String> out = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                out.add(Path.of(java.net.URI.create(url.startsWith("file:") ? url : "file:" + url)).toString());
            }
            return String.join(File.pathSeparator, out);
        } catch (IOException | IllegalArgumentException e) {
            return jar.toString();
        }
    }

    /** argv for a JVM running {@code mainClass} with the test classpath, small heap, in {@code ns}. */
    static List<String> java(String ns, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", get(), mainClass));
        argv.addAll(args);
        return argv;
    }
}
