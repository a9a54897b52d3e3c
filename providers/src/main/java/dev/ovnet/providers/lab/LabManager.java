package dev.ovnet.providers.lab;

import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ovnet lab up / check / down}: what the CLI calls. {@link #up} builds the simulated hosts of a file's
 * {@code netns} hosts and their underlay; after {@code ovnet apply}, {@link #check} starts the test containers
 * from the files apply wrote (subnet.env, or the CNI conflist) and pings across hosts; {@link #down} removes
 * all of it that the lab made. Every method works from the file (and down from the lab's {@link LabRecord} of what it
 * created) and may be run again at any time.
 */
public final class LabManager {

    private final LabOptions options;
    private final LabListener listener;

    public LabManager() {
        this(LabOptions.defaults(), LabListener.SILENT);
    }

    public LabManager(LabOptions options, LabListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /** Names and addresses the lab uses for this file; throws LabException when the file cannot be a lab. */
    public LabLayout layout(NetworkConfig config) {
        return LabLayout.of(config, options);
    }

    public LabStatus status(NetworkConfig config) {
        return status(layout(config));
    }

    /** The lab's namespaces, as its record says which it made. */
    private static Namespaces namespaces(LabLayout layout) {
        return new Namespaces(LabRecord.of(layout.switchNamespace()));
    }

    private LabStatus status(LabLayout layout) {
        List<String> existing = namespaces(layout).list();
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : layout.fixedNamespaces()) {
            (existing.contains(name) ? present : missing).add(name);
        }
        List<String> containers = new ArrayList<>();
        for (LabHost host : layout.hosts()) {
            existing.stream().filter(host::isContainerNetns).sorted().forEach(containers::add);
        }
        return new LabStatus(layout.switchNamespace(), present, missing, containers);
    }

    /** Creates (or repairs) the switch, the hosts and their underlay; returns the status afterwards. */
    public LabStatus up(NetworkConfig config) {
        LabLayout layout = layout(config);
        new Underlay(namespaces(layout), listener).build(layout);
        return status(layout);
    }

    /** Makes sure every host has its containers (after apply); problems found go to {@code problems}. */
    public List<LabContainer> containers(NetworkConfig config, List<String> problems) {
        LabLayout layout = layout(config);
        requireUp(layout);
        return containers(layout, problems);
    }

    private List<LabContainer> containers(LabLayout layout, List<String> problems) {
        Containers runtime = runtime(layout);
        List<LabContainer> all = new ArrayList<>();
        for (LabHost host : layout.hosts()) {
            all.addAll(runtime.ensure(host, problems));
        }
        return all;
    }

    /** Creates missing containers, then pings every container from every other host's containers. */
    public LabReport check(NetworkConfig config) {
        LabLayout layout = layout(config);
        requireUp(layout);
        List<String> problems = new ArrayList<>();
        List<LabContainer> containers = containers(layout, problems);
        List<LabReport.Probe> probes = new Pinger(namespaces(layout), options.parallelism()).probeAll(containers);
        return new LabReport(containers, probes, problems);
    }

    /**
     * Removes what the lab made (its record, {@link LabRecord}): containers (CNI DEL first), hosts, the switch, and
     * the files of each host whose namespace is gone: a root under /run/ovnet/netns/ goes entirely, any other root
     * loses only the lab's folder. A namespace the lab did not make is left alone, with a warning. Returns the
     * namespaces removed.
     */
    public List<String> down(NetworkConfig config) {
        LabLayout layout = layout(config);
        Namespaces ns = namespaces(layout);
        List<String> removed = new ArrayList<>();
        CniContainers cni = new CniContainers(ns, listener, options.cniPath());
        for (LabHost host : layout.hosts()) {
            cni.release(host);
            for (String container : ns.list().stream().filter(host::isContainerNetns).sorted().toList()) {
                if (ns.delete(container, listener)) {
                    listener.step("removed container " + container);
                    removed.add(container);
                }
            }
        }
        removed.addAll(new Underlay(ns, listener).remove(layout));
        removed.addAll(leftBehind(ns));
        List<String> left = ns.list();
        for (LabHost host : layout.hosts()) {
            Path folder = ownsRoot(host) ? Path.of(host.root()) : Path.of(host.labDir());
            if (!left.contains(host.netns()) && Files.exists(folder) && deleteTree(folder)) {
                listener.step("removed " + folder);
            }
        }
        return removed;
    }

    /**
     * The namespaces the lab made that the file no longer names (a host taken out of the file since lab up, and its
     * containers): removed too, as the record says the lab made them, with the default root of each such host.
     */
    private List<String> leftBehind(Namespaces ns) {
        List<String> removed = new ArrayList<>();
        for (String netns : ns.recorded()) {
            if (ns.delete(netns, listener)) {
                listener.step("removed namespace " + netns + ", which the lab made for a host no longer in the file");
                removed.add(netns);
                Path root = Path.of(LabLayout.NETNS_ROOTS + netns);
                if (Files.isDirectory(root) && deleteTree(root)) {
                    listener.step("removed " + root);
                }
            }
        }
        return removed;
    }

    /** A root strictly below /run/ovnet/netns/ (after resolving "..") is the simulated host's alone. */
    static boolean ownsRoot(LabHost host) {
        Path base = Path.of(LabLayout.NETNS_ROOTS);
        Path root = Path.of(host.root()).toAbsolutePath().normalize();
        return root.startsWith(base) && !root.equals(base);
    }

    private boolean deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException e) {
            listener.warning("cannot remove " + folder + ": " + e.getMessage());
            return false;
        }
    }

    private void requireUp(LabLayout layout) {
        LabStatus status = status(layout);
        if (!status.up()) {
            throw new LabException(status.down() ? "lab is not up" : "lab is not fully up: missing namespaces "
                    + String.join(", ", status.missing()), "run `ovnet lab up -f FILE`");
        }
    }

    private Containers runtime(LabLayout layout) {
        Namespaces ns = namespaces(layout);
        return layout.runtime() == ContainerRuntime.CNI
                ? new CniContainers(ns, listener, options.cniPath())
                : new BridgeContainers(ns, listener);
    }
}
