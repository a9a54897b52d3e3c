/**
 * The Linux kernel as ovnet sees it: {@link dev.ovnet.providers.kernel.LinuxHost} reads what is really on a host
 * and applies a host plan through a {@link dev.ovnet.providers.transport.Transport}, with one {@code ip -batch},
 * {@code bridge -batch} or {@code iptables-restore} per group of changes instead of one process per object.
 * The renderers and parsers beside it are pure functions tested against output captured from real namespaces.
 */
package dev.ovnet.providers.kernel;
