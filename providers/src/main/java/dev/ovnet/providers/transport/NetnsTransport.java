package dev.ovnet.providers.transport;

import java.util.List;

/**
 * A simulated host: a network namespace of this machine. Commands run through {@code ip netns exec}, which
 * also gives them the namespace's own /etc/netns files and sysfs; files are this machine's files (the host's
 * {@code root} keeps them apart, /run/ovnet/netns/NAME by default).
 */
public class NetnsTransport extends LocalTransport {

    private final String netns;

    public NetnsTransport(String netns) {
        this.netns = netns;
    }

    public String netns() {
        return netns;
    }

    @Override
    protected List<String> wrap(List<String> argv) {
        return prefixed(List.of("ip", "netns", "exec", netns), argv);
    }

    @Override
    public String describe() {
        return "netns " + netns;
    }
}
