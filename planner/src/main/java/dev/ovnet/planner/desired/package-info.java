/**
 * What a host should hold, as pure functions of the network, the host and its peers: the kernel objects per
 * backend, flannel's iptables rules in ovnet's chains and the runtime files byte for byte as flannel's tools write
 * them (docs/backends.md, docs/flannel-compatibility.md). It depends only on {@code config}, {@code model} and
 * {@code net}; the plan compares its output with what a host really has.
 */
package dev.ovnet.planner.desired;
