package dev.ovnet.cli;

import dev.ovnet.planner.OvnetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet init}: writes a commented starter ovnet.yaml, so the first file is not copied out of the docs. It never
 * writes over a file (nor through a symlink): the file is created new or not at all.
 */
@Command(name = "init", description = "Write a commented starter ovnet.yaml (two hosts, vxlan, a local state) to"
        + " edit; an existing file is never overwritten.")
final class InitCommand implements Callable<Integer> {

    /** The starter file: every line valid as it is, the optional keys commented out with their defaults. */
    static final String STARTER = """
            # ovnet.yaml: one overlay network for containers across your hosts (docs/configuration.md has every key).
            # Check it with 'ovnet validate -f FILE', see what would change with 'ovnet plan -f FILE', make it so
            # with 'ovnet apply -f FILE'.
            network:
              name: demo                # names the state (and the etcd prefix); renaming it later replaces every device
              pool: 10.100.0.0/16       # the containers' addresses: each host leases one subnet of it
              # subnetLength: 24        # default: flannel's rule (24 for a pool of /22 or larger)
              backend:
                type: vxlan             # vxlan | host-gw (hosts on one L2 segment) | udp
              # mtu: auto               # default: the underlay's MTU minus the backend's overhead
              # ipMasq: true            # masquerade traffic from the pool that leaves the pool
              # runtime: docker         # docker | cni | none: which container-runtime files apply writes
            state:
              backend: local            # local | etcd (then endpoints: [http://127.0.0.1:2379])
              path: ovnet.state.json    # relative to this file's folder
            # ssh:                      # how ovnet logs in to ssh hosts (the default connection)
            #   user: root
            #   identityFile: ~/.ssh/id_ed25519
            #   knownHostsFile: ~/.ssh/known_hosts
            hosts:
              # One entry per host: its name, and the underlay address the other hosts reach it at.
              # To try ovnet on this machine first, give each host 'connection: netns', add the block
              #   lab: {segments: [192.0.2.0/24]}
              # and run 'ovnet lab up -f FILE' before 'ovnet apply -f FILE'.
              - name: node-1
                address: 192.0.2.11
              - name: node-2
                address: 192.0.2.12
            """;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "ovnet.yaml",
            description = "Where to write the starter file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        String shown = Shell.quote(file.toString());
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(file + " exists already, and ovnet init never overwrites a file",
                    "edit it and check it with 'ovnet validate -f " + shown + "', or write the starter elsewhere:"
                            + " ovnet init -f another.yaml");
        }
        try {
            Files.writeString(file, STARTER, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new Refused(file + " exists already, and ovnet init never overwrites a file",
                    "write the starter elsewhere: ovnet init -f another.yaml");
        } catch (IOException e) {
            throw new Refused("cannot write " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable, or give another path with -f");
        }
        spec.commandLine().getOut().println("Wrote " + file + ": a starter network of two hosts. Put your hosts in"
                + " it, then run: ovnet validate -f " + shown);
        return ExitCodes.OK;
    }

    /** A starter that cannot be written where asked. */
    static final class Refused extends OvnetException {
        Refused(String message, String hint) {
            super(message, hint);
        }
    }
}
