package dev.ovnet.cli;

import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet force-unlock ID}: removes a state lock whose holder will not release it. A local lock dies with
 * its process, so there this only clears the lock info a dead process left; an etcd lock is removed even while
 * its holder lives (its next write is then refused).
 */
@Command(name = "force-unlock", description = {"Remove the state lock with this ID, when its holder is stuck.",
        "Only for a lock whose command is certainly not running any more: two commands writing one state at once"
                + " can leave it wrong."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the lock was removed", "1:not locked, another ID, a live local holder, or cancelled"})
final class ForceUnlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Option(names = "--force", description = "Do not ask for confirmation.")
    boolean force;

    @Parameters(index = "0", paramLabel = "ID", description = "The lock ID, as the lock info shows it.")
    String id;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = LoadedConfig.load(file);
        StateStore store = OvnetCommand.wiring(spec).stateStore(loaded.config(), loaded.folder());
        try {
            if (!force) {
                ask(out);
            }
            LockInfo removed = store.forceUnlock(id);
            out.println("ovnet state has been successfully unlocked!");
            out.println();
            out.println("Removed the lock of '" + removed.operation() + "' by " + removed.who() + ", created "
                    + removed.created() + ". ovnet commands can take the state lock again.");
            return ExitCodes.OK;
        } finally {
            StateCommand.close(store);
        }
    }

    private void ask(PrintWriter out) {
        try {
            Confirm.ask("force-unlock", "Do you really want to force-unlock?",
                    "ovnet will remove the lock " + id + " on the state, so other commands may change it even though"
                            + " it may still be in use.", out);
        } catch (Confirm.NoTerminal e) {
            throw new StateCommand.StateRepairException("ovnet force-unlock needs a confirmation, and there is no"
                    + " terminal to ask on", "run 'ovnet force-unlock --force " + id + "' once you are sure");
        } catch (Confirm.Cancelled e) {
            throw new StateCommand.StateRepairException("Force-unlock cancelled.", null);
        }
    }
}
