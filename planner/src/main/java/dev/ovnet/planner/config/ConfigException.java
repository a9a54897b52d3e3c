package dev.ovnet.planner.config;

import dev.ovnet.planner.OvnetException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; carries every problem found, in file order. */
public final class ConfigException extends OvnetException {

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")), null);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
