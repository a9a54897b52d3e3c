package dev.ovnet.providers.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How commands and files reach one host. Commands are argument vectors, never shell strings: nothing a user
 * wrote is ever interpreted by a shell. Every method throws {@link TransportException} when the host cannot
 * be reached at all; a command that ran and failed is a {@link Result} with a non-zero exit. File operations
 * never follow a symbolic link: a link at the path, or in place of a folder between a host's root and one of
 * ovnet's files, or a root others can write, is refused ({@link PathGuard}).
 */
public interface Transport extends AutoCloseable {

    /** Runs {@code argv} on the host with {@code stdin} (may be empty) and waits at most {@code timeout}. */
    Result run(List<String> argv, byte[] stdin, Duration timeout);

    /** Writes a file atomically: a temp file beside it, fsync, rename; parent folders are created (0755). */
    void writeFile(String path, byte[] content, int mode);

    /** The file's content, or empty when it does not exist. */
    Optional<byte[]> readFile(String path);

    /** Removes the file if it exists. */
    void deleteFile(String path);

    /**
     * Refuses, as the file operations do, a path that a program on the host is about to open for ovnet (the
     * forwarder's log, appended to by whatever starts it) when a symbolic link or a root others can write could
     * redirect it. {@code verb} says what is about to happen, for the message ("append to").
     */
    void checkFile(String verb, String path);

    /** For messages: {@code local}, {@code netns node-1}, {@code ssh root@192.0.2.11:22}. */
    String describe();

    @Override
    default void close() {
    }

    default Result run(List<String> argv) {
        return run(argv, new byte[0], Duration.ofSeconds(60));
    }

    /** The outcome of one command. */
    record Result(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }
    }
}
