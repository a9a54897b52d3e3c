package dev.ovnet.planner.model;

import java.util.Optional;

/**
 * Everything ovnet manages on a host is one of these immutable values. Two objects with the same {@link #key()}
 * are the same object; if they differ otherwise, the diff updates it in place or, when
 * {@link #replaceReason(KernelObject)} says so, replaces it.
 */
public sealed interface KernelObject
        permits Link, Address, Route, Neighbour, FdbEntry, Sysctl, IptablesChain, FileObject, Forwarder,
        WireguardKey, WireguardPeer {

    ObjectKey key();

    /** When the object is made on a host (the key's phase, without building the key). */
    Phase phase();

    /** One-line description in iproute2's words, used by the plan and in error messages. */
    String describe();

    /**
     * Why {@code this} (the wanted object) cannot be reached from {@code before} by an in-place update, or empty
     * when an update in place does it. Only called for two objects with the same key that differ.
     */
    default Optional<String> replaceReason(KernelObject before) {
        return Optional.empty();
    }
}
