/**
 * Running the udp backend's forwarder on a host: reading back whether and how it runs (its pid, settings and log
 * under {@code <root>/run/ovnet/}), and starting, reloading, restarting and stopping it as a systemd unit or a
 * daemon, with the ovnet jar installed first on SSH hosts, and there the Java that runs it: the host's own, or
 * the runtime of ovnet's release installed once ({@link dev.ovnet.providers.forwarding.HostJava}). It sits beside the kernel code because the forwarder
 * is a process, not a kernel object; it touches the host only through a
 * {@link dev.ovnet.providers.transport.Transport}, and the forwarder itself is the {@code forwarder} module's.
 */
package dev.ovnet.providers.forwarding;
