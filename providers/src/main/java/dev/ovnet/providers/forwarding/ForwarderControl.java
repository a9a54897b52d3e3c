package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.Transport;
import java.util.Optional;

/**
 * The udp backend's userspace forwarder on one host, as {@link dev.ovnet.providers.kernel.LinuxHost} sees it:
 * something it can ask what runs and tell to start, reload, restart or stop. It is pluggable because the
 * forwarder is a process of its own, not a kernel object; it reaches the host through the same {@link Transport}
 * as everything else. The TUN device it attaches to is made by the host beforehand: persistent,
 * {@code IFF_TUN | IFF_NO_PI} ({@code ip tuntap add dev flannel0 mode tun}), so the forwarder must open it by
 * name with those flags.
 */
public interface ForwarderControl {

    /**
     * The forwarder serving {@code device} on the host, or empty when none runs. {@code runDir} is the folder of
     * its peer file ({@code <root>/run/ovnet}), where its pid and settings are kept.
     */
    Optional<Forwarder> read(Transport transport, String device, String runDir);

    /**
     * Carries out one forwarder change (create: start; update: reload the peer table; replace: restart; delete:
     * stop). Throws {@link CommandFailedException} naming the command and the host's message when it fails.
     */
    void apply(Transport transport, Change change);

    /**
     * For a host where ovnet cannot run a forwarder: it reads none (a udp host's forwarder shows as missing), and
     * any change to one fails with {@code why}, which says what is wrong and what to do, so an apply never
     * reports a forwarder it did not start.
     */
    static ForwarderControl unavailable(String why) {
        return new ForwarderControl() {
            @Override
            public Optional<Forwarder> read(Transport transport, String device, String runDir) {
                return Optional.empty();
            }

            @Override
            public void apply(Transport transport, Change change) {
                throw new CommandFailedException("ovnet forward", why);
            }
        };
    }
}
