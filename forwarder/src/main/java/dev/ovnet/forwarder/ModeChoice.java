package dev.ovnet.forwarder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Offload mode or plain mode, from what the kernel accepted: offload mode needs every {@link Offload}; one
 * refusal is enough for plain mode, and the description names each refused capability and why.
 *
 * @param offload whether the forwarder runs with the offloads
 * @param description for the log and the stats file, e.g. {@code plain mode (offloads refused: TUNSETOFFLOAD:
 *                    Invalid argument (errno 22))}
 */
record ModeChoice(boolean offload, String description) {

    /** What offload mode needs, in the order the forwarder tries them. */
    enum Offload {
        /** {@code setsockopt UDP_SEGMENT}: UDP GSO on the socket. */
        UDP_SEGMENT,
        /** {@code TUNSETIFF} with {@code IFF_VNET_HDR}: the TUN hands over a virtio_net_hdr. */
        IFF_VNET_HDR,
        /** {@code TUNSETVNETHDRSZ 10}. */
        TUNSETVNETHDRSZ,
        /** {@code TUNSETOFFLOAD TUN_F_CSUM|TUN_F_TSO4}: TCP super-packets from the TUN. */
        TUNSETOFFLOAD,
        /** {@code setsockopt UDP_GRO}: coalesced datagrams from the socket. */
        UDP_GRO
    }

    static ModeChoice forced() {
        return new ModeChoice(false, "plain mode (--plain)");
    }

    /** @param refused each refused capability with the reason, in probe order; empty when all were accepted */
    static ModeChoice of(Map<Offload, String> refused) {
        if (refused.isEmpty()) {
            return new ModeChoice(true, "offload mode (TSO, UDP GSO and GRO)");
        }
        List<String> why = new ArrayList<>();
        refused.forEach((capability, reason) -> why.add(capability + ": " + reason));
        return new ModeChoice(false, "plain mode (offloads refused: " + String.join("; ", why) + ")");
    }

    String mode() {
        return offload ? "offload" : "plain";
    }
}
