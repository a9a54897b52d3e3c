package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
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
 * already hold that exact jar (checked with {@code sha256sum}), and run with the Java {@link HostJava} chooses:
 * the host's own Java 17 or newer, else the runtime of this ovnet's release, installed beside the jar. Everything
 * else is {@link InitForwarderControl}'s (a systemd unit or a daemon). The jar a forwarder runs is named by its
 * build (the jar's sha256), so once a new build runs, the jar of the build before it is removed, and a delete
 * removes the jar of the build the forwarder ran, whichever ovnet build deletes it, and the runtime it installed
 * once no process runs from it.
 */
public final class InstallingForwarderControl implements ForwarderControl {

    private final Path localJar;
    private final HostJava java;
    private volatile String sha256;

    /** Runs the jar with the host's own Java only (an ovnet run from source has no runtime to install). */
    public InstallingForwarderControl(Path localJar) {
        this(localJar, new HostJava(Optional.empty()));
    }

    public InstallingForwarderControl(Path localJar, HostJava java) {
        this.localJar = localJar;
        this.java = java;
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
            HostJava.releaseUnused(transport, ForwarderRunFiles.rootPrefix(f), Optional.empty());
            transport.run(List.of("rmdir", "--ignore-fail-on-non-empty", jar.substring(0, jar.lastIndexOf('/'))));
            return;
        }
        install(transport, jar);
        String prefix = ForwarderRunFiles.rootPrefix(f);
        String javaBinary = java.java(transport, prefix);
        InitForwarderControl.of(List.of(javaBinary, "-XX:+UseSerialGC", "-Xmx256m", "-cp", jar,
                ForwarderRunFiles.MAIN_CLASS))
                .apply(transport, change);
        // the process of the earlier build has been replaced: nothing runs its jar any more
        earlier.ifPresent(transport::deleteFile);
        if (javaBinary.startsWith(HostJava.base(prefix) + "/runtime-")) {
            // an installed runtime runs it now: an earlier one that nothing runs from goes
            HostJava.releaseUnused(transport, prefix, Optional.of(javaBinary.substring(0,
                    javaBinary.length() - "/bin/java".length())));
        }
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

    private String sha256() {
        if (sha256 == null) {
            sha256 = ForwarderBuild.sha256(localJar);
        }
        return sha256;
    }
}
