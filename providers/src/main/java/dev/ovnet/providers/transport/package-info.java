/**
 * How commands and files reach a host: this machine, a network namespace on it, or (in {@code providers.ssh}) a
 * remote host. Commands are argument vectors, never shell text, and every file access goes through
 * {@link dev.ovnet.providers.transport.PathGuard}, so a symbolic link under a host's root never redirects a
 * write. The kernel, state and lab code build on this; it knows nothing of plans.
 */
package dev.ovnet.providers.transport;
