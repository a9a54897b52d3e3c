package dev.ovnet.providers.lab;

import java.util.List;

/**
 * Which of the lab's namespaces exist: the switch and the hosts ({@code fixed}) and containers found for the
 * hosts. Lets the CLI say "lab is not up" or "lab is partly up" before it tries anything.
 */
public record LabStatus(String switchNamespace, List<String> present, List<String> missing, List<String> containers) {

    public LabStatus {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
        containers = List.copyOf(containers);
    }

    /** The switch and every host namespace exist. */
    public boolean up() {
        return missing.isEmpty();
    }

    /** Nothing of the lab exists. */
    public boolean down() {
        return present.isEmpty() && containers.isEmpty();
    }

    public String describe() {
        if (up()) {
            return "lab is up: " + present.size() + " namespaces, " + containers.size() + " containers";
        }
        if (down()) {
            return "lab is not up";
        }
        return "lab is partly up: missing " + String.join(", ", missing);
    }
}
