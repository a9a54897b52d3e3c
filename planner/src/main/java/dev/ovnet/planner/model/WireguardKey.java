package dev.ovnet.planner.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host's wireguard private key file ({@code <root>/etc/ovnet/wireguard.key}, mode 0600). ovnet never holds the
 * private key: the host generates it ({@code wg genkey}) and keeps it; this object carries only where it lies and
 * the public key read back from it (null while not known: before the first apply, and for a key about to be
 * replaced). {@code rotate} marks the wanted key of a host named by {@code apply --rotate-key}: it differs from
 * the key on the host, so the plan replaces it.
 *
 * <p>Like the sysctl, the key outlives the network: a destroy leaves it unless asked to remove it, so that a
 * host keeps its identity across rebuilds.
 */
public record WireguardKey(String path, String publicKey, boolean rotate) implements KernelObject {

    /** Where the key lies under a host's root. */
    public static final String FILE = "etc/ovnet/wireguard.key";
    /** A wireguard key as wg prints it: 32 bytes in base64 (43 characters and one '='). */
    public static final Pattern BASE64_KEY = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");

    /** Owner read and write only: the key is the host's identity on the overlay. */
    public static final int MODE = 0600;

    @Override
    public Phase phase() {
        return Phase.KEY;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.KEY, "wgkey", path);
    }

    @Override
    public String describe() {
        return "wireguard key " + path + " public " + (publicKey == null ? "(known after apply)" : publicKey)
                + (rotate ? " (new key)" : "");
    }

    /** A rotation is a new key in place of the old one; a public key learned by reading is no change. */
    @Override
    public Optional<String> replaceReason(KernelObject before) {
        return rotate ? Optional.of("--rotate-key: a new private key is generated on the host")
                : Optional.empty();
    }
}
