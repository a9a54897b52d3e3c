package dev.ovnet.providers.state;

/**
 * The etcd keys of one network under one prefix. ovnet's own keys live under {@code <prefix>/ovnet/<network>/}
 * ({@code state}, {@code state.backup}, {@code lock}, and each agent's report under {@code agents/}); flannel's are {@code <prefix>/config} and
 * {@code <prefix>/subnets/<a.b.c.d>-<len>}, which flanneld and etcdctl users know.
 */
record EtcdKeys(String prefix, String network) {

    private String base() {
        return "/".equals(prefix) ? "" : prefix;
    }

    String state() {
        return base() + "/ovnet/" + network + "/state";
    }

    String backup() {
        return state() + ".backup";
    }

    String lock() {
        return base() + "/ovnet/" + network + "/lock";
    }

    /** The folder of the agents' reports, with its trailing slash. */
    String reports() {
        return base() + "/ovnet/" + network + "/agents/";
    }

    /** The report of the agent of {@code host}, the one key that agent writes. */
    String report(String host) {
        return reports() + host;
    }

    String config() {
        return base() + "/config";
    }

    /** The folder of flannel's lease keys, with its trailing slash. */
    String subnets() {
        return base() + "/subnets/";
    }

    String subnet(String subnetKey) {
        return subnets() + subnetKey;
    }
}
