package dev.ovnet.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet generate-completion}: prints the bash completion script built from the command model by picocli,
 * so it always knows the current commands and flags. zsh uses it through bashcompinit (docs/operations.md).
 */
@Command(name = "generate-completion", hidden = true,
        description = "Print the bash/zsh completion script: source <(ovnet generate-completion)")
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("ovnet", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
