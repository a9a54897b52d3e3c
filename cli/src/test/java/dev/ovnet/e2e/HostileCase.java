package dev.ovnet.e2e;

/**
 * One adversarial input: a configuration file, and optionally a state file (and its backup) beside it. With a
 * state, the configuration is the valid lab file and the state is what is broken.
 */
record HostileCase(String name, byte[] yaml, byte[] state, byte[] backup) {

    static HostileCase config(String name, byte[] yaml) {
        return new HostileCase(name, yaml, null, null);
    }

    boolean brokenState() {
        return state != null;
    }
}
