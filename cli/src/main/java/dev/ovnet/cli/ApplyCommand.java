package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovnet apply}: plan, confirm, make it so, record what was done. */
@Command(name = "apply", description = "Make every host match the configuration.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host done (or nothing to do)",
            "1:error before any host was touched (file, state, lock), or cancelled at the prompt",
            "3:some hosts failed or were unreachable while others completed; the state says what each has"})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Mixin
    Options.Output output;

    @Mixin
    Options.Lock lock;

    @Mixin
    Options.Parallelism parallelism;

    @Mixin
    Options.Planning planning;

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--refresh-only",
            description = "Record in the state what is really on the hosts, without changing any host.")
    boolean refreshOnly;

    @Override
    public Integer call() {
        try (Workflow wf = Workflow.open(file, parallelism)) {
            wf.lockAndRead("apply", lock.lockTimeout, spec.commandLine().getErr());
            if (refreshOnly) {
                return Changing.refreshOnly(wf, autoApprove, new Style(output.color()), spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
            return Changing.run(wf, false, planning.refresh, autoApprove, planning.full, new Style(output.color()),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
