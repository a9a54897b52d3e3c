package dev.ovnet.planner.model;

/**
 * A kernel parameter ovnet needs ({@code net.ipv4.ip_forward=1}). ovnet sets it but never unsets it on
 * destroy: other software on the host may rely on forwarding too.
 */
public record Sysctl(String name, String value) implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.SYSCTL;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.SYSCTL, "sysctl", name);
    }

    @Override
    public String describe() {
        return "sysctl " + name + "=" + value;
    }
}
