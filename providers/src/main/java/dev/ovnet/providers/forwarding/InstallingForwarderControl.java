package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The forwarder on a host that does not share this machine's files (SSH): before starting it, the ovnet jar is
 * installed at {@code <root>/var/lib/ovnet/ovnet-<sha256 prefix>.jar}, uploaded only when the host does not
 * already hold that exact jar (checked with {@code sha256sum}), and run with the host's own Java. Everything
 * else is {@link InitForwarderControl}'s (a systemd unit or a daemon). The jar a forwarder runs is named by its
 * build (the jar's sha256), so once a new build runs, the jar of the build before it is removed, and a delete
 * removes the jar of the build the forwarder ran, whichever ovnet build deletes it.
 */
public final class InstallingForwarderControl implements ForwarderControl {

    private final Path localJar;
    private volatile String sha256;

    public InstallingForwarderControl(Path localJar) {
        this.localJar = localJar;
    }

    @Override
    public Optional<Forwarder> read(Transport transport, String device, String runDir) {
        return InitForwarderControl.of(List.of("java")).read(transport, device, runDir);
    }

    @Override
    public void apply(Transport transport, Change change) {
        Forwarder f = (Forwarder) (change.after() != null ? change.after() : change.before());
        String jar = remoteJar(f, sha256());
        Optional<String> earlier = Optional.ofNullable((Forwarder) change.before())
                .filter(b -> isBuild(b.build())).map(b -> remoteJar(b, b.build())).filter(j -> !j.equals(jar));
        if (change.action() == Action.DELETE) {
            InitForwarderControl.of(List.of("java")).apply(transport, change);
            earlier.ifPresent(transport::deleteFile);
            transport.deleteFile(jar);
            transport.run(List.of("rmdir", "--ignore-fail-on-non-empty", jar.substring(0, jar.lastIndexOf('/'))));
            return;
        }
        install(transport, jar);
        String java = remoteJava(transport);
        InitForwarderControl.of(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", jar,
                ForwarderRunFiles.MAIN_CLASS))
                .apply(transport, change);
        // the process of the earlier build has been replaced: nothing runs its jar any more
        earlier.ifPresent(transport::deleteFile);
    }

    /** {@code <root>/var/lib/ovnet/ovnet-<first 16 hex digits of build>.jar}. */
    static String remoteJar(Forwarder f, String build) {
        return ForwarderRunFiles.rootPrefix(f) + "/var/lib/ovnet/ovnet-" + build.substring(0, 16) + ".jar";
    }

    /** Whether a recorded build names a jar (a sha256); a forwarder run from a build folder has another build. */
    private static boolean isBuild(String build) {
        return build != null && build.matches("[0-9a-f]{64}");
    }

    private void install(Transport transport, String jar) {
        Transport.Result sum = transport.run(List.of("sha256sum", jar));
        if (sum.ok() && sum.stdout().startsWith(sha256())) {
            return;
        }
        try {
            transport.writeFile(jar, Files.readAllBytes(localJar), 0644);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + localJar, e);
        }
    }

    private static String remoteJava(Transport transport) {
        // a fixed script: nothing from the configuration is in it
        Transport.Result r = transport.run(List.of("sh", "-c", "command -v java >/dev/null && readlink -f \"$(command -v java)\""));
        String java = r.stdout().strip();
        if (!r.ok() || java.isEmpty()) {
            throw new CommandFailedException("command -v java", "the udp backend runs ovnet's forwarder on the host,"
                    + " and the host has no java: install a Java 17 runtime (Debian: openjdk-17-jre-headless)");
        }
        return java;
    }

    private String sha256() {
        if (sha256 == null) {
            sha256 = ForwarderBuild.sha256(localJar);
        }
        return sha256;
    }
}
