package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ovnet could have made on a host, as a check on objects it reads back instead of computing: the objects a
 * state lists for a host and the objects a saved plan's readings claim a host holds. Destroy and replace act on
 * these objects (a file is removed, a chain and its jumps are deleted, a device is deleted), so an object that
 * anyone who can write the state or a plan file may have put there must be one of ovnet's own before anything
 * acts on it: a file only at one of ovnet's names under the host's root, an iptables chain only one of ovnet's
 * two chains, with jumps only from its hook and only its own rules, a device only ovnet's overlay device.
 * Routes need nothing more: ovnet deletes a route only together with its own route protocol, which never
 * selects a user's route.
 */
public final class OwnedObjects {

    /** The forwarder's device, the udp backend's TUN device. */
    public static final String UDP_DEVICE = "flannel0";
    /** The udp forwarder's peer table, under a host's root. */
    public static final String UDP_PEERS = "run/ovnet/" + UDP_DEVICE + ".peers";
    /** Every file ovnet writes, relative to a host's root. */
    public static final List<String> FILES = List.of(FlannelFiles.SUBNET_ENV, FlannelFiles.DOCKER_OPTS,
            FlannelFiles.CNI_CONFLIST, UDP_PEERS);

    private static final Pattern VXLAN_DEVICE = Pattern.compile("flannel(?:-v6)?\\.([1-9][0-9]{0,7})");
    private static final int MAX_VNI = 16_777_215;
    private static final String IP_FORWARD = "net.ipv4.ip_forward";
    private static final String IP6_FORWARD = "net.ipv6.conf.all.forwarding";

    private OwnedObjects() {
    }

    /**
     * Why {@code object} is not something ovnet makes on a host whose root is one of {@code roots} (the root the
     * state records for it and, for a reading, the root the file gives it), or empty when it is.
     */
    public static Optional<String> problem(KernelObject object, Collection<String> roots) {
        if (object instanceof FileObject f) {
            return ownFile(f.path(), roots) ? Optional.empty() : Optional.of(notAFile(f.path(), roots));
        }
        if (object instanceof Forwarder f) {
            if (!f.dev().equals(UDP_DEVICE)) {
                return Optional.of(notADevice(f.dev()));
            }
            return roots.stream().anyMatch(r -> r != null && f.peerFile().equals(FlannelFiles.under(r, UDP_PEERS)))
                    ? Optional.empty()
                    : Optional.of("its peer file " + f.peerFile() + " is not " + UDP_PEERS + " under the host's root "
                            + String.join(" or ", roots));
        }
        if (object instanceof IptablesChain c) {
            return chain(c);
        }
        if (object instanceof Link l) {
            // only the name: a device of ovnet's name but of another type (found on a host) is still removed by name
            return device(l.name());
        }
        if (object instanceof Address a) {
            return device(a.dev());
        }
        if (object instanceof Neighbour n) {
            return device(n.dev());
        }
        if (object instanceof FdbEntry f) {
            return device(f.dev());
        }
        if (object instanceof Sysctl s) {
            return (s.name().equals(IP_FORWARD) || s.name().equals(IP6_FORWARD))
                    && (s.value().equals("0") || s.value().equals("1")) ? Optional.empty()
                    : Optional.of("the only kernel parameters ovnet sets are " + IP_FORWARD + " and " + IP6_FORWARD
                            + " (to 0 or 1)");
        }
        if (object instanceof Route) {
            return Optional.empty();
        }
        if (object instanceof WireguardPeer p) {
            return device(p.dev());
        }
        if (object instanceof WireguardKey k) {
            return roots.stream().anyMatch(r -> r != null && k.path().equals(FlannelFiles.under(r, WireguardKey.FILE)))
                    ? Optional.empty()
                    : Optional.of(k.path() + " is not " + WireguardKey.FILE + " under the host's root "
                            + String.join(" or ", roots.stream().filter(r -> r != null).toList()));
        }
        throw new IllegalArgumentException("unknown object " + object);
    }

    /**
     * The first of {@code objects} that ovnet does not make on {@code host}, with why, or empty when it could
     * have made every one.
     */
    public static Optional<Foreign> firstForeign(String host, List<KernelObject> objects, Collection<String> roots) {
        for (int i = 0; i < objects.size(); i++) {
            KernelObject object = objects.get(i);
            Optional<String> problem = problem(object, roots);
            if (problem.isPresent()) {
                return Optional.of(new Foreign(i, "host " + host + " is said to hold " + object.describe()
                        + ", which ovnet never makes there: " + problem.get()));
            }
        }
        return Optional.empty();
    }

    /** An object ovnet does not make: its index in the list it came in, and a message naming it and the host. */
    public record Foreign(int index, String message) {
    }

    /** Whether {@code path} is one of ovnet's files under one of {@code roots} (a null root holds none). */
    private static boolean ownFile(String path, Collection<String> roots) {
        for (String root : roots) {
            if (root == null) {
                continue;
            }
            for (String name : FILES) {
                if (path.equals(FlannelFiles.under(root, name))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The root that {@code path}, one of ovnet's files, lies under ({@code /srv/h} for
     * {@code /srv/h/run/flannel/subnet.env}), and the folders between that root and the file, outermost first;
     * empty when the path does not end in one of ovnet's file names.
     */
    public static Optional<Placement> placement(String path) {
        for (String name : FILES) {
            if (path.endsWith("/" + name)) {
                String root = path.substring(0, path.length() - name.length() - 1);
                List<String> folders = new ArrayList<>();
                String[] parts = name.split("/");
                String folder = root;
                for (int i = 0; i < parts.length - 1; i++) {
                    folder = folder + "/" + parts[i];
                    folders.add(folder);
                }
                return Optional.of(new Placement(root.isEmpty() ? "/" : root, folders));
            }
        }
        return Optional.empty();
    }

    /** Where one of ovnet's files lies: its host's root and the folders below the root that lead to it. */
    public record Placement(String root, List<String> folders) {

        public Placement {
            folders = List.copyOf(folders);
        }
    }

    /**
     * Whether {@code device} is a name ovnet gives its devices: flannel0, or flannel.VNI or flannel-v6.VNI with a valid
     * VNI.
     */
    private static boolean ownDevice(String device) {
        if (device.equals(UDP_DEVICE) || device.equals(Backend.WIREGUARD_DEVICE)
                || device.equals(Backend.WIREGUARD_DEVICE6)) {
            return true;
        }
        Matcher m = VXLAN_DEVICE.matcher(device);
        return m.matches() && Integer.parseInt(m.group(1)) <= MAX_VNI;
    }

    private static Optional<String> device(String dev) {
        return ownDevice(dev) ? Optional.empty() : Optional.of(notADevice(dev));
    }

    private static Optional<String> chain(IptablesChain c) {
        OwnChain own = switch (c.chain()) {
            case IptablesRules.FORWARD_CHAIN -> new OwnChain("filter", "FORWARD", IptablesRules.FORWARD_JUMP);
            case IptablesRules.MASQ_CHAIN -> new OwnChain("nat", "POSTROUTING", IptablesRules.MASQ_JUMP);
            default -> null;
        };
        if (own == null) {
            return Optional.of("ovnet's only chains are " + IptablesRules.FORWARD_CHAIN + " and "
                    + IptablesRules.MASQ_CHAIN);
        }
        if (!own.table().equals(c.table()) || !own.hook().equals(c.hook())) {
            return Optional.of("ovnet's chain " + c.chain() + " is in table " + own.table() + " and is jumped to from "
                    + own.hook() + ", not from " + c.hook() + " in table " + c.table());
        }
        // as read from a host: no jump, ovnet's, or every jump to the chain (one per line); never executed, but
        // each must be a jump from ovnet's hook to ovnet's chain
        if (!c.jumpRule().isEmpty()) {
            for (String jump : c.jumpRule().split("\n")) {
                if (!jump.startsWith("-A " + own.hook() + " ") || !jump.endsWith(" -j " + c.chain())) {
                    return Optional.of("its jump rule \"" + jump + "\" is not a jump from " + own.hook() + " to "
                            + c.chain() + ", like ovnet's \"" + own.jump() + "\"");
                }
            }
        }
        String prefix = "-A " + c.chain() + " ";
        for (String rule : c.rules()) {
            if (!rule.startsWith(prefix)) {
                return Optional.of("its rule \"" + rule + "\" is not in the chain " + c.chain());
            }
        }
        return Optional.empty();
    }

    /** Where one of ovnet's chains lives and how it is jumped to. */
    private record OwnChain(String table, String hook, String jump) {
    }

    private static String notAFile(String path, Collection<String> roots) {
        return path + " is not one of ovnet's files (" + String.join(", ", FILES) + ") under the host's root "
                + (roots.stream().allMatch(r -> r == null) ? "(none recorded)" : String.join(" or ", roots));
    }

    private static String notADevice(String dev) {
        return dev + " is not one of ovnet's devices (" + UDP_DEVICE + ", " + Backend.WIREGUARD_DEVICE + ", "
                + Backend.WIREGUARD_DEVICE6 + ", flannel.<vni>, flannel-v6.<vni>)";
    }
}
