package dev.ovnet.providers.kernel;

import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux host reached through a {@link Transport} (this machine, one of its network namespaces, or SSH): reads
 * what ovnet's objects really look like there and applies host plans, with iproute2, iptables-restore, sysctl
 * and the transport's file operations. Every command goes through the transport, so the same class serves
 * every kind of connection, and the number of processes per read or apply is bounded by the number of object
 * kinds, not the number of peers (a 5,000-peer vxlan host is applied with three {@code ip}/{@code bridge}
 * batches).
 *
 * <p>Design notes. Routes are ovnet's when they carry {@code proto 152}; nothing else is read or removed, so a
 * route a user added by hand survives destroy. Creation uses {@code replace} forms, so re-applying a plan whose
 * first run failed half-way is safe. ip_forward is read as it is but never reset (see {@code Sysctl}). A host is
 * used by one thread at a time.
 */
public final class LinuxHost implements Host {

    private final String name;
    private final HostCommands commands;
    private final ForwarderControl forwarder;
    private final WireguardHost wireguard;

    /** @param forwarder runs the udp forwarder there ({@link ForwarderControl#unavailable} where ovnet cannot) */
    public LinuxHost(String name, Transport transport, ForwarderControl forwarder) {
        this(name, transport, forwarder, "/", PresharedKey.NONE);
    }

    /**
     * @param root the host's file root: where its wireguard key lies, and (when not /) where its wireguard-go keeps
     *             its control socket
     * @param psk  the wireguard pre-shared key its peers get, if one is configured
     */
    public LinuxHost(String name, Transport transport, ForwarderControl forwarder, String root, PresharedKey psk) {
        this.name = name;
        this.commands = new HostCommands(transport);
        this.forwarder = forwarder;
        this.wireguard = new WireguardHost(commands, root, psk);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @throws HostException naming the command and the host's message when a command fails, the underlay
     *                       address is not on the host, or the host cannot be reached
     */
    @Override
    public HostReading read(ReadRequest request) {
        try {
            return new HostReader(commands, forwarder, wireguard).read(request);
        } catch (CommandFailedException e) {
            throw new HostException(name, e.command(), e.detail(), false);
        } catch (TransportException e) {
            throw new HostException(name, null, e.getMessage(), e.unreachable());
        }
    }

    @Override
    public ApplyResult apply(HostPlan plan, ApplyListener listener) {
        return new PlanApplier(name, commands, forwarder, wireguard).apply(plan, listener);
    }

    /** One {@code ping -c 1 -W 1}, from the probe's source address when it has one. */
    @Override
    public boolean probe(Probe probe) {
        List<String> argv = new ArrayList<>(List.of("ping", "-n", "-q", "-c", "1", "-W", "1"));
        if (probe.source() != null) {
            argv.addAll(List.of("-I", probe.source().toString()));
        }
        argv.add(probe.target().toString());
        try {
            return commands.transport().run(argv).ok();
        } catch (TransportException e) {
            throw new HostException(name, String.join(" ", argv), e.getMessage(), e.unreachable());
        }
    }

    @Override
    public void close() {
        commands.transport().close();
    }

    @Override
    public String toString() {
        return name + " (" + commands.transport().describe() + ")";
    }
}
