package dev.ovnet.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A system user of this machine for the {@code sudo: true} test: no password, no home, passwordless sudo through a
 * drop-in in /etc/sudoers.d. The simulated hosts' sshd see it through their overlay of /etc, which must be mounted
 * after it exists: create it before {@link SshHosts#start}, remove it after {@link SshHosts#close}.
 */
final class SshSudoUser {

    private SshSudoUser() {
    }

    private static Path sudoers(String user) {
        return Path.of("/etc/sudoers.d", "oss-" + user);
    }

    /** Creates the user (after removing one a killed run left) and its NOPASSWD rule. */
    static void create(String user) throws Exception {
        remove(user);
        SshHosts.sh("useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh",
                "--password", "*", user);
        Files.writeString(sudoers(user), user + " ALL=(root) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(sudoers(user), PosixFilePermissions.fromString("r--r-----"));
    }

    /** Removes the sudoers drop-in and the user, if there. */
    static void remove(String user) throws Exception {
        Files.deleteIfExists(sudoers(user));
        // sessions of a closed connection may take a moment to end, and userdel refuses a user still running
        for (int tries = 0; new ProcessBuilder("id", user).start().waitFor() == 0; tries++) {
            if (new ProcessBuilder("userdel", user).start().waitFor() != 0) {
                if (tries >= 50) {
                    throw new IllegalStateException("cannot remove the test user " + user);
                }
                Thread.sleep(100);
            }
        }
    }
}
