package dev.ovnet.providers.kernel;

import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The commands {@link LinuxHost} runs on one host, all through its {@link Transport}, with what it learned once
 * and keeps (the iptables version). Argument vectors only: nothing is ever handed to a shell.
 */
final class HostCommands {

    /** Generous: a 15,000-line batch takes well under a second, but a loaded host or slow link must not fail. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Transport transport;
    private IptablesVersion iptables;

    HostCommands(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    Transport.Result run(List<String> argv, String stdin) {
        return transport.run(argv, stdin.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    /** Runs the command and returns its output; a non-zero exit is a {@link CommandFailedException}. */
    String output(List<String> argv, String stdin) {
        Transport.Result result = run(argv, stdin);
        if (!result.ok()) {
            String message = result.stderr().strip();
            throw new CommandFailedException(String.join(" ", argv),
                    message.isEmpty() ? "exit status " + result.exit() : message);
        }
        return result.stdout();
    }

    String output(List<String> argv) {
        return output(argv, "");
    }

    IptablesVersion iptables() {
        if (iptables == null) {
            iptables = IptablesVersion.parse(output(List.of("iptables", "--version")));
        }
        return iptables;
    }

    /** {@code iptables-restore --noflush}, with {@code -w} where supported: one transaction per call. */
    List<String> restoreCommand() {
        return restoreCommand(false);
    }

    /** The same for ip6tables (which comes in the same package, so of the same version) when {@code ipv6}. */
    List<String> restoreCommand(boolean ipv6) {
        String program = ipv6 ? "ip6tables-restore" : "iptables-restore";
        return iptables().restoreWait()
                ? List.of(program, "--noflush", "-w")
                : List.of(program, "--noflush");
    }
}
