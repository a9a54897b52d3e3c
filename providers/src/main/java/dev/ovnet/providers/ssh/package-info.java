/**
 * The {@code connection: ssh} transport: one sshj connection per host and per ovnet command, commands as exactly
 * quoted argument vectors, atomic file writes over SFTP (or through {@code sudo -n} when the user is not root).
 * Host keys are always checked against an OpenSSH known_hosts file; nothing here accepts a key silently, and
 * nothing secret (passphrases, keys, command input) reaches a log or a message.
 */
package dev.ovnet.providers.ssh;
