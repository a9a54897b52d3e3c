package dev.ovnet.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --target NAME} for plan, apply and destroy: a picocli mixin. */
final class TargetOption {

    @Option(names = "--target", paramLabel = "NAME",
            description = "Limit the work to the hosts matching NAME (repeatable; shell-style patterns such as "
                    + "'node-*', quoted) and the peer entries on other hosts that point at them. Only the "
                    + "targeted hosts are read; the others are planned from the state. For exceptional use: the "
                    + "result may be incomplete.")
    List<String> patterns = new ArrayList<>();
}
