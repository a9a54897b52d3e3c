package dev.ovnet.providers.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.Names;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.IptablesRules;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Underlay;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one host for a {@link ReadRequest} with a fixed handful of processes, however many peers it has:
 * one {@code ip -d -j -batch -} (interfaces with addresses, the main table's routes, permanent neighbours), one
 * {@code bridge -j fdb show} when a vxlan device exists, one {@code iptables-save}, one {@code sysctl}, one
 * {@code stat} for the modes of the files that exist, and for a wireguard network one script that reads the host's
 * wireguard tools, public key, device and peers ({@link WireguardHost}). A dual-stack read adds three: one
 * {@code ip -6 -j route show} (ovnet's IPv6 routes), one {@code ip6tables-save} and one {@code sysctl} for IPv6
 * forwarding; the neighbour and fdb listings already hold both families.
 */
final class HostReader {

    static final String IP_FORWARD = "net.ipv4.ip_forward";
    static final String SHOWS = "addr show\nroute show\nneigh show nud permanent\n";
    static final String IP6_FORWARD = "net.ipv6.conf.all.forwarding";
    static final String SHOWS6 = "route show\n";

    private final HostCommands commands;
    private final ForwarderControl forwarder;
    private final WireguardHost wireguard;

    HostReader(HostCommands commands, ForwarderControl forwarder, WireguardHost wireguard) {
        this.commands = commands;
        this.forwarder = forwarder;
        this.wireguard = wireguard;
    }

    HostReading read(ReadRequest request) {
        List<String> ipCommand = List.of("ip", "-d", "-j", "-batch", "-");
        List<JsonNode> shows = parse(ipCommand, commands.output(ipCommand, SHOWS), 3);
        List<Iproute2Json.Iface> ifaces = Iproute2Json.interfaces(shows.get(0));
        boolean randomFully = commands.iptables().randomFully();
        HostFacts facts = request.address() != null ? facts(ifaces, request.address(), request.iface(), randomFully)
                : facts6(ifaces, request.address6(), request.iface(), randomFully);
        if (request.address6() != null) {
            facts = facts.withSegment6(segment6(ifaces, facts.iface(), request.address6()));
        }

        List<KernelObject> objects = new ArrayList<>();
        Map<String, Iproute2Json.Iface> byName = Iproute2Json.byName(ifaces);
        Set<String> present = new TreeSet<>();
        boolean vxlan = false;
        for (String dev : new TreeSet<>(request.devices())) {
            Iproute2Json.Iface iface = byName.get(dev);
            if (iface == null) {
                continue;
            }
            present.add(dev);
            vxlan |= iface.vxlan() != null;
            objects.add(Iproute2Json.link(iface, ifaces));
            objects.addAll(addresses(iface, request.pool()));
            if (request.ipv6()) {
                objects.addAll(addresses6(iface, request.pool6()));
            }
        }
        objects.addAll(Iproute2Json.ovnetRoutes(shows.get(1)));
        if (request.ipv6()) {
            List<String> ip6Command = List.of("ip", "-6", "-j", "-batch", "-");
            objects.addAll(Iproute2Json.ovnetRoutes(parse(ip6Command, commands.output(ip6Command, SHOWS6), 1).get(0)));
        }
        for (KernelObject object : objects) {
            if (object instanceof Route r) {
                requireAcceptableName(String.join(" ", ipCommand), r.dev(), "the interface of ovnet's route to "
                        + r.dst());
            } else if (object instanceof Link l && l.dev() != null) {
                requireAcceptableName(String.join(" ", ipCommand), l.dev(), "the underlay interface of " + l.name());
            }
        }
        // neigh show lists both families (route show only IPv4): the IPv6 neighbours come with the IPv4 ones
        objects.addAll(Iproute2Json.neighbours(shows.get(2), present));
        if (vxlan) {
            List<String> fdbCommand = List.of("bridge", "-j", "fdb", "show");
            JsonNode fdb = parse(fdbCommand, commands.output(fdbCommand), 1).get(0);
            objects.addAll(Iproute2Json.fdb(fdb, present));
        }
        IptablesSave save = IptablesSave.parse(commands.output(List.of("iptables-save")));
        save.chain("filter", IptablesRules.FORWARD_CHAIN, "FORWARD").ifPresent(objects::add);
        save.chain("nat", IptablesRules.MASQ_CHAIN, "POSTROUTING").ifPresent(objects::add);
        objects.add(new Sysctl(IP_FORWARD, commands.output(List.of("sysctl", "-n", IP_FORWARD)).strip()));
        if (request.ipv6()) {
            IptablesSave save6 = IptablesSave.parse(commands.output(List.of("ip6tables-save")));
            save6.chain("filter", IptablesRules.FORWARD_CHAIN, "FORWARD").map(HostReader::ipv6).ifPresent(objects::add);
            save6.chain("nat", IptablesRules.MASQ_CHAIN, "POSTROUTING").map(HostReader::ipv6).ifPresent(objects::add);
            objects.add(new Sysctl(IP6_FORWARD, commands.output(List.of("sysctl", "-n", IP6_FORWARD)).strip()));
        }
        objects.addAll(files(request.files()));
        if (request.forwarderDevice() != null) {
            String suffix = "/run/ovnet/" + request.forwarderDevice() + ".peers";
            request.files().stream().filter(f -> f.endsWith(suffix)).sorted().findFirst()
                    .map(f -> f.substring(0, f.length() - (request.forwarderDevice() + ".peers").length() - 1))
                    .flatMap(dir -> forwarder.read(commands.transport(), request.forwarderDevice(), dir))
                    .ifPresent(objects::add);
        }
        if (request.wireguardKey() != null) {
            Map<String, Iproute2Json.Iface> wgDevices = new LinkedHashMap<>();
            for (String dev : List.of(Backend.WIREGUARD_DEVICE, Backend.WIREGUARD_DEVICE6)) {
                if (dev.equals(Backend.WIREGUARD_DEVICE) || request.devices().contains(dev)) {
                    wgDevices.put(dev, request.devices().contains(dev) ? byName.get(dev) : null);
                }
            }
            WireguardHost.Reading wg = wireguard.read(request.wireguardKey(), wgDevices);
            // the devices as wg sees them (listen port, kernel or userspace) instead of as iproute2 lists them
            objects.removeIf(o -> o instanceof Link l && wgDevices.containsKey(l.name()));
            objects.addAll(wg.objects());
            facts = facts.withWireguard(wg.facts());
        }
        objects.sort(ReadingOrder.INSTANCE);
        Underlay underlay = new Underlay(Iproute2Json.otherAddresses(ifaces, request.devices()),
                Iproute2Json.otherRoutes(shows.get(1), request.devices()));
        return new HostReading(facts, objects, underlay);
    }

    private static List<JsonNode> parse(List<String> argv, String output, int expected) {
        try {
            List<JsonNode> arrays = Iproute2Json.arrays(output);
            if (arrays.size() != expected) {
                throw new IllegalArgumentException(expected + " JSON arrays expected, found " + arrays.size());
            }
            return arrays;
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.join(" ", argv), "unexpected output: " + e.getMessage());
        }
    }

    /** The IPv4 addresses of an ovnet device that lie in the pool (all of them when no pool is given). */
    static List<Address> addresses(Iproute2Json.Iface iface, Cidr pool) {
        List<Address> out = new ArrayList<>();
        for (Iproute2Json.Inet inet : iface.ipv4()) {
            if (pool != null && !pool.contains(inet.address())) {
                continue;
            }
            Cidr cidr = Cidr.parseLenient(inet.address() + "/" + inet.prefix());
            if (cidr.network().equals(inet.address())) {
                out.add(new Address(iface.name(), cidr));
            }
            // an address with host bits (10.100.5.7/24) is not one ovnet makes nor can describe: left alone
        }
        return out;
    }

    /** The same chain, as ip6tables-save showed it. */
    private static IptablesChain ipv6(IptablesChain c) {
        return new IptablesChain(c.table(), c.chain(), c.hook(), c.jumpRule(), c.rules(), true);
    }

    /** The IPv6 addresses of an ovnet device that lie in pool6 and are networks of their own (the lease's /128). */
    static List<Address> addresses6(Iproute2Json.Iface iface, Cidr6 pool6) {
        List<Address> out = new ArrayList<>();
        for (Iproute2Json.Inet6 inet : iface.ipv6()) {
            Cidr6 cidr = new Cidr6(inet.address().masked(inet.prefix()), inet.prefix());
            if ((pool6 == null || pool6.contains(inet.address())) && cidr.network().equals(inet.address())) {
                out.add(new Address(iface.name(), cidr));
            }
        }
        return out;
    }

    /**
     * The IPv6 network of {@code address6} on the underlay interface {@code iface} (the one that holds the host's
     * IPv4 address: both vxlan devices ride on it).
     *
     * @throws CommandFailedException naming what is wrong when the address is not there
     */
    static Cidr6 segment6(List<Iproute2Json.Iface> ifaces, String iface, Ipv6 address6) {
        String elsewhere = null;
        for (Iproute2Json.Iface i : ifaces) {
            for (Iproute2Json.Inet6 a : i.ipv6()) {
                if (a.address().equals(address6)) {
                    if (i.name().equals(iface)) {
                        return new Cidr6(address6.masked(a.prefix()), a.prefix());
                    }
                    elsewhere = i.name();
                }
            }
        }
        throw new CommandFailedException("ip -j addr show", "address6 " + address6 + " is not an address of " + iface
                + ", the interface that holds the host's address" + (elsewhere == null ? "" : " (it is on "
                + elsewhere + ")"));
    }

    /**
     * The underlay facts: the interface that holds {@code address} (which must be {@code iface} when one is
     * configured), its MTU and the network of the address.
     *
     * @throws CommandFailedException naming what is wrong when the address is not where it should be
     */
    static HostFacts facts(List<Iproute2Json.Iface> ifaces, Ipv4 address, String iface, boolean randomFully) {
        Iproute2Json.Iface holder = null;
        Iproute2Json.Inet inet = null;
        for (Iproute2Json.Iface i : ifaces) {
            for (Iproute2Json.Inet a : i.ipv4()) {
                if (a.address().equals(address) && (holder == null || i.name().equals(iface))) {
                    holder = i;
                    inet = a;
                }
            }
        }
        requireHolder(ifaces, holder, iface, address.toString());
        Cidr segment = Cidr.parseLenient(address + "/" + inet.prefix());
        return new HostFacts(holder.name(), holder.mtu(), segment, randomFully, false);
    }

    /**
     * The underlay facts of a host of an IPv6-only network: the interface that holds {@code address6} (which must be
     * {@code iface} when one is configured) and its MTU; it has no IPv4 segment (the IPv6 one is added by
     * {@link #segment6}).
     *
     * @throws CommandFailedException naming what is wrong when the address is not where it should be
     */
    static HostFacts facts6(List<Iproute2Json.Iface> ifaces, Ipv6 address6, String iface, boolean randomFully) {
        Iproute2Json.Iface holder = null;
        for (Iproute2Json.Iface i : ifaces) {
            for (Iproute2Json.Inet6 a : i.ipv6()) {
                if (a.address().equals(address6) && (holder == null || i.name().equals(iface))) {
                    holder = i;
                }
            }
        }
        requireHolder(ifaces, holder, iface, address6.toString());
        return new HostFacts(holder.name(), holder.mtu(), null, randomFully, false);
    }

    /** Refuses an underlay address on no interface, or not on the configured one. */
    private static void requireHolder(List<Iproute2Json.Iface> ifaces, Iproute2Json.Iface holder, String iface,
            String address) {
        String command = "ip -j addr show";
        if (iface != null) {
            boolean exists = ifaces.stream().anyMatch(i -> i.name().equals(iface));
            if (!exists) {
                throw new CommandFailedException(command, "interface " + iface + " does not exist");
            }
            if (holder == null || !holder.name().equals(iface)) {
                throw new CommandFailedException(command, address + " is not an address of " + iface
                        + (holder == null ? "" : " (it is on " + holder.name() + ")"));
            }
        }
        if (holder == null) {
            throw new CommandFailedException(command, address + " is not an address of any interface");
        }
        requireAcceptableName(command, holder.name(), "the interface that holds " + address);
    }

    /**
     * Refuses an interface name found on the host that a configuration file could not hold: it would end up in
     * iproute2 batch lines (where {@code #} starts a comment) and in the state, whose reader refuses it.
     *
     * @throws CommandFailedException naming the interface, what is wrong and what to do
     */
    static void requireAcceptableName(String command, String name, String role) {
        String problem = Names.ifaceProblem(name);
        if (problem != null) {
            throw new CommandFailedException(command, role + ", " + Names.show(name) + ", " + problem
                    + ": ovnet takes interface names of " + Names.IFACE_RULE + "; rename the interface"
                    + " (ip link set dev NAME name eth1) or set this host's iface to one that holds its address");
        }
    }

    private List<FileObject> files(Set<String> paths) {
        Transport transport = commands.transport();
        Map<String, String> contents = new LinkedHashMap<>();
        for (String path : new TreeSet<>(paths)) {
            Optional<byte[]> content = transport.readFile(path);
            content.ifPresent(bytes -> contents.put(path, new String(bytes, StandardCharsets.UTF_8)));
        }
        if (contents.isEmpty()) {
            return List.of();
        }
        List<String> stat = new ArrayList<>(List.of("stat", "-c", "%a %n", "--"));
        stat.addAll(contents.keySet());
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (String line : commands.output(stat).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                modes.put(line.substring(space + 1), Integer.parseInt(line.substring(0, space), 8));
            }
        }
        List<FileObject> out = new ArrayList<>();
        contents.forEach((path, text) -> out.add(new FileObject(path, text, modes.getOrDefault(path, 0644))));
        return out;
    }
}
