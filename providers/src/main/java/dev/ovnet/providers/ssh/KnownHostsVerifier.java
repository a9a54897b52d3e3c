package dev.ovnet.providers.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Checks a server's host key against an OpenSSH known_hosts file like {@code ssh -o StrictHostKeyChecking=yes}
 * (or {@code accept-new} when asked). Lines are read with their numbers so that a refusal can name the line;
 * host patterns (plain, {@code [addr]:port}, lists, wildcards, negations and hashed {@code |1|} entries) are
 * matched as OpenSSH matches them ({@link KnownHostPatterns}; sshj's own matcher lets {@code !x} match every other
 * host). An unknown key is added only with accept-new; a key that differs from a
 * known one (same type, another type, or {@code @revoked}) always stops the connection. sshj gets {@code false}
 * and the reason is kept for {@link #refusal()}, because sshj itself only reports "could not verify".
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    /** known_hosts files are appended to by parallel connections of one run; one writer at a time. */
    private static final Object APPEND_LOCK = new Object();

    private final Path file;
    private final boolean acceptNew;
    private final String where;
    private final String host;
    private volatile SshHostException refusal;
    private volatile String added;

    /** @param where the host as messages name it, e.g. {@code node-1 (192.0.2.1:22)} */
    KnownHostsVerifier(Path file, boolean acceptNew, String host, String where) {
        this.file = file;
        this.acceptNew = acceptNew;
        this.host = host;
        this.where = where;
    }

    /** Why the last key was refused, if it was. */
    Optional<SshHostException> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** What accept-new added to the file, for a notice to the user. */
    Optional<String> added() {
        return Optional.ofNullable(added);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        try {
            return check(lookupName(hostname, port), hostname, port, key);
        } catch (IOException | RuntimeException e) {
            refusal = new SshHostException(host, where + ": cannot check the host key against " + file + ": "
                    + e.getMessage(), "make " + file + " a readable OpenSSH known_hosts file");
            return false;
        }
    }

    private boolean check(String lookup, String hostname, int port, PublicKey key) throws IOException {
        String type = KeyType.fromKey(key).toString();
        byte[] blob = blob(key);
        String shown = displayType(type) + " key " + fingerprint(blob);
        KnownLine matched = null;
        KnownLine changed = null;
        KnownLine otherType = null;
        for (KnownLine line : lines()) {
            if ("@revoked".equals(line.marker()) && Arrays.equals(line.blob(), blob)) {
                refusal = new SshHostException(host, where + ": the host presents the " + shown
                        + ", which " + file + " line " + line.number() + " marks as @revoked",
                        "find out why that key was revoked before you use this host");
                return false;
            }
            if (line.marker() != null || !line.appliesTo(lookup)) {
                continue;
            }
            if (!line.type().equals(type)) {
                otherType = otherType == null ? line : otherType;
            } else if (Arrays.equals(line.blob(), blob)) {
                matched = line;
            } else {
                changed = changed == null ? line : changed;
            }
        }
        if (matched != null) {
            return true;
        }
        if (changed != null || otherType != null) {
            KnownLine known = changed != null ? changed : otherType;
            refusal = new SshHostException(host, where + ": WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! It"
                    + " presents the " + shown + ", but " + file + " line " + known.number() + " holds "
                    + (changed != null ? "another " : "an ") + displayType(known.type()) + " key ("
                    + fingerprint(known.blob()) + ") for it. Someone could be intercepting the connection"
                    + " (man-in-the-middle), or the host was reinstalled.",
                    "if you know why the key changed, remove the old entry (ssh-keygen -R '" + lookup + "' -f "
                            + file + ", or delete line " + known.number() + "), compare the new fingerprint with"
                            + " the one the host shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and connect"
                            + " again; --ssh-accept-new never replaces a changed key");
            return false;
        }
        if (acceptNew) {
            append(lookup + " " + type + " " + Base64.getEncoder().encodeToString(blob));
            added = "added the " + shown + " of " + where + " to " + file;
            return true;
        }
        refusal = new SshHostException(host, where + ": the host key is not known: the host presents the "
                + shown + ", which is not in " + file,
                "compare that fingerprint with the one the host shows (ssh-keygen -lf /etc/ssh/ssh_host_"
                        + displayType(type).toLowerCase(Locale.ROOT) + "_key.pub on it), then accept it with"
                        + " `ovnet apply --ssh-accept-new`, or add it yourself: ssh-keyscan -p " + port + " "
                        + hostname + " >> " + file);
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        String lookup = lookupName(hostname, port);
        List<String> algorithms = new ArrayList<>();
        try {
            for (KnownLine line : lines()) {
                if (line.marker() == null && line.appliesTo(lookup)) {
                    List<String> names = "ssh-rsa".equals(line.type())
                            ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") : List.of(line.type());
                    names.stream().filter(n -> !algorithms.contains(n)).forEach(algorithms::add);
                }
            }
        } catch (IOException e) {
            // verify() reports the unreadable file
        }
        return algorithms;
    }

    private List<KnownLine> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<KnownLine> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            KnownLine.parse(i + 1, text.get(i)).ifPresent(lines::add);
        }
        return lines;
    }

    private void append(String line) throws IOException {
        synchronized (APPEND_LOCK) {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            byte[] existing = Files.readAllBytes(file);
            String prefix = existing.length > 0 && existing[existing.length - 1] != '\n' ? "\n" : "";
            Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    /** The name known_hosts files use: the address, or {@code [address]:port} off port 22. */
    static String lookupName(String hostname, int port) {
        String name = hostname.toLowerCase(Locale.ROOT);
        return port == 22 ? name : "[" + name + "]:" + port;
    }

    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** As {@code ssh-keygen -lf} prints it: {@code SHA256:} and the unpadded base64 of the key blob's hash. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static String fingerprint(PublicKey key) {
        return fingerprint(blob(key));
    }

    /** ED25519, RSA, ECDSA: the names OpenSSH uses in its messages. */
    static String displayType(String type) {
        if (type.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        return switch (type) {
            case "ssh-ed25519" -> "ED25519";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            default -> type;
        };
    }

    /** One key line of the file: marker ({@code @revoked}, {@code @cert-authority} or null), hosts, key. */
    record KnownLine(int number, String marker, String hosts, String type, byte[] blob) {

        static Optional<KnownLine> parse(int number, String text) {
            String trimmed = text.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                return Optional.empty();
            }
            String[] fields = trimmed.split("\\s+");
            int i = fields[0].startsWith("@") ? 1 : 0;
            if (fields.length < i + 3) {
                return Optional.empty();
            }
            try {
                byte[] blob = Base64.getDecoder().decode(fields[i + 2]);
                return Optional.of(new KnownLine(number, i == 1 ? fields[0] : null, fields[i], fields[i + 1], blob));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        boolean appliesTo(String lookup) {
            return KnownHostPatterns.matches(hosts, lookup);
        }
    }
}
