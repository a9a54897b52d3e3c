package dev.ovnet.planner.desired;

/**
 * What a host offers the wireguard backend, as refresh reads it: whether {@code wg} (wireguard-tools) is there,
 * whether the kernel has the wireguard module, whether {@code wireguard-go} is installed (the userspace device
 * where the module is missing), and the public key of the host's private key file (null: no key yet). The
 * private key is never read off the host: the host derives the public key itself.
 */
public record WireguardFacts(boolean tools, boolean module, boolean userspace, String publicKey) {

    /** Nothing known: a host that was never read, planned as the kernel module would serve it. */
    public static final WireguardFacts UNKNOWN = new WireguardFacts(true, true, false, null);

    /** Whether the device is made in userspace: no module, so wireguard-go provides it. */
    public boolean usesUserspace() {
        return !module;
    }

    public WireguardFacts withPublicKey(String key) {
        return new WireguardFacts(tools, module, userspace, key);
    }
}
