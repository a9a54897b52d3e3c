package dev.ovnet.providers.lab;

import java.util.List;

/**
 * How a host's test containers are made: like docker on flannel's bridge, or through the real CNI plugins on the
 * conflist ovnet wrote. Both start from files apply wrote on the host, so containers come after apply.
 */
interface Containers {

    /** Creates the host's missing or outdated containers; problems found on existing ones go to {@code problems}. */
    List<LabContainer> ensure(LabHost host, List<String> problems);

    /** Releases what the runtime holds for the host's containers (before their namespaces go). */
    void release(LabHost host);
}
