package dev.ovnet.providers.forwarding;

import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java that runs ovnet's own code on a host that does not share this machine's files (the udp forwarder over
 * SSH). The host's own {@code java} when it is Java 17 or newer: it is already there, kept up to date by the
 * host's packages, and costs no upload. Otherwise the runtime this ovnet brings ({@link BundledRuntime}, when
 * ovnet runs from a release), installed once at {@code <root>/var/lib/ovnet/runtime-<first 16 hex digits of its
 * sha256>/}: the upload is checked with {@code sha256sum} before it is unpacked, and the folder's own
 * {@code ovnet-runtime.sha256} says whether a host already holds that exact runtime, so the next apply uploads
 * nothing. A runtime that no process runs from any more is removed by {@link #releaseUnused} (destroy, or a newer
 * runtime taking over). Installs and removals on one host hold a lock on the folder ({@code flock}), so hosts
 * that share a file system (simulated hosts) never remove a runtime another one is about to start.
 */
public final class HostJava {

    /** The lowest Java release that runs ovnet's code (the jar is built for Java 17). */
    static final int MINIMUM = 17;

    /** Prints the host's java (links resolved) and the first line of its -version; fixed text, no arguments. */
    private static final String FIND_JAVA = "command -v java >/dev/null && j=\"$(readlink -f \"$(command -v java)\")\""
            + " && [ -x \"$j\" ] && echo \"$j\" && \"$j\" -version 2>&1 | head -n 1";

    /**
     * $1 upload, $2 its sha256, $3 runtime folder, $4 the runtime's sha256, $5 the folder that holds runtimes:
     * checks the upload, unpacks it beside the runtime folder, and under the lock puts it in place unless another
     * install did so already. Fixed text: arguments are never interpolated.
     */
    private static final String INSTALL = String.join("\n",
            "trap 'rm -f \"$1\"' EXIT",
            "echo \"$2  $1\" | sha256sum -c --status || { echo \"the uploaded runtime $1 does not have sha256 $2\" >&2; exit 3; }",
            "t=\"$(mktemp -d \"$3.XXXXXX\")\" || exit 4",
            "tar -xzf \"$1\" -C \"$t\" && chmod 755 \"$t\" || { rm -rf \"$t\"; exit 4; }",
            "exec 8<\"$5\" && flock 8 || { rm -rf \"$t\"; exit 5; }",
            "if [ \"$(cat \"$3/" + BundledRuntime.MARKER + "\" 2>/dev/null)\" = \"$4\" ]; then rm -rf \"$t\"; exit 0; fi",
            "rm -rf \"$3\" && mv -T \"$t\" \"$3\"");

    /**
     * $1 the folder that holds runtimes, $2 the runtime to keep (may be empty): under the lock, removes every
     * installed runtime folder but that one from which no process runs. Fixed text.
     */
    private static final String RELEASE = String.join("\n",
            "[ -d \"$1\" ] || exit 0",
            "exec 8<\"$1\" && flock 8 || exit 5",
            "for d in \"$1\"/runtime-*; do",
            "  [ -d \"$d\" ] || continue",
            "  case \"${d##*/}\" in runtime-????????????????) ;; *) continue ;; esac",
            "  [ \"$d\" = \"$2\" ] && continue",
            "  used=",
            "  for e in /proc/[0-9]*/exe; do",
            "    case \"$(readlink \"$e\" 2>/dev/null)\" in \"$d\"/*) used=1; break ;; esac",
            "  done",
            "  [ -n \"$used\" ] || rm -rf \"$d\"",
            "done");

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    private final Optional<BundledRuntime> bundled;

    /** @param bundled the runtime to install where a host has no suitable Java; empty when ovnet runs from source */
    public HostJava(Optional<BundledRuntime> bundled) {
        this.bundled = bundled;
    }

    /**
     * The java binary to run ovnet's code with on the host whose files are under {@code rootPrefix} ("" for /):
     * the host's own when suitable, else the bundled runtime, installed when the host does not hold it yet.
     */
    String java(Transport transport, String rootPrefix) {
        Transport.Result found = transport.run(List.of("sh", "-c", FIND_JAVA));
        List<String> lines = found.stdout().lines().toList();
        int release = lines.size() > 1 ? release(lines.get(1)) : 0;
        if (found.ok() && release >= MINIMUM) {
            return lines.get(0).strip();
        }
        String why = lines.isEmpty() ? "the host has no java" : "the host's java (" + lines.get(0).strip()
                + ") is not Java " + MINIMUM + " or newer";
        BundledRuntime runtime = bundled.orElseThrow(() -> new CommandFailedException("command -v java",
                "the udp backend runs ovnet's forwarder on the host, and " + why + ": install a Java 17 runtime"
                        + " there (Debian: openjdk-17-jre-headless), or run ovnet from its release tarball, which"
                        + " installs its own runtime on such hosts"));
        return install(transport, rootPrefix, runtime) + "/bin/java";
    }

    /** The Java release of a {@code java -version} first line ({@code openjdk version "17.0.15"}, "1.8.0" is 8); 0 if none. */
    static int release(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        if (!m.find()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        return major == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : major;
    }

    /** {@code <root>/var/lib/ovnet}: where ovnet keeps what it installs on a host. */
    static String base(String rootPrefix) {
        return rootPrefix + "/var/lib/ovnet";
    }

    /** {@code <root>/var/lib/ovnet/runtime-<first 16 hex digits of its sha256>}. */
    static String folder(String rootPrefix, BundledRuntime runtime) {
        return base(rootPrefix) + "/runtime-" + runtime.sha256().substring(0, 16);
    }

    private static String install(Transport transport, String rootPrefix, BundledRuntime runtime) {
        String dir = folder(rootPrefix, runtime);
        Optional<byte[]> held = transport.readFile(dir + "/" + BundledRuntime.MARKER);
        if (held.isPresent() && new String(held.get(), StandardCharsets.US_ASCII).strip().equals(runtime.sha256())) {
            return dir;
        }
        byte[] archive = runtime.archive();
        // one upload name per apply: hosts sharing a file system upload side by side
        String upload = dir + "." + UUID.randomUUID() + ".tar.gz";
        transport.writeFile(upload, archive, 0600);
        Transport.Result r = transport.run(List.of("sh", "-c", INSTALL, "install-runtime", upload, sha256(archive),
                dir, runtime.sha256(), base(rootPrefix)), new byte[0], Duration.ofMinutes(5));
        if (!r.ok()) {
            throw new CommandFailedException("install the Java runtime at " + dir, "the host could not unpack"
                    + " ovnet's runtime (" + r.stderr().strip() + "): check the free space in " + base(rootPrefix)
                    + " and that tar, gzip, sha256sum and flock are installed, then apply again");
        }
        return dir;
    }

    /**
     * Removes the runtimes installed under {@code rootPrefix} that no process runs from, but {@code keep} (a
     * runtime folder, or empty for none). Nothing to do on a host that never got one.
     */
    static void releaseUnused(Transport transport, String rootPrefix, Optional<String> keep) {
        transport.run(List.of("sh", "-c", RELEASE, "release-runtimes", base(rootPrefix), keep.orElse("")));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
