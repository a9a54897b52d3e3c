package dev.ovnet.forwarder;

import dev.ovnet.forwarder.ModeChoice.Offload;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The forwarder with a test seam: {@code --refuse NAME[,NAME...]} (names of {@link Offload}) makes its offload
 * probe treat those capabilities as refused, the way a kernel without them answers; the kernel the tests run on
 * accepts them all. The other arguments are {@link ForwarderMain}'s. The seam is handed to the forwarder here, so
 * ovnet itself has no way to switch it on.
 */
final class OffloadRefusingMain {

    private OffloadRefusingMain() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        int at = rest.indexOf("--refuse");
        Set<Offload> refused = EnumSet.noneOf(Offload.class);
        if (at >= 0) {
            for (String name : rest.get(at + 1).split(",")) {
                refused.add(Offload.valueOf(name.strip())); // a typo fails here rather than test nothing
            }
            rest.subList(at, at + 2).clear();
        }
        System.exit(ForwarderMain.run(rest.toArray(String[]::new), new ForwardCommand(refused)));
    }
}
