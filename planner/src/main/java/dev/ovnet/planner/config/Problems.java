package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one parse. Positions come from SnakeYAML marks (0-based), stored 1-based; the result is
 * sorted into file order (a stable sort, so problems at one spot keep the order they were found in) and cut after
 * {@value #SHOWN} problems, so a file that is wrong everywhere gives a readable screen, not thousands of lines.
 */
final class Problems {

    static final int SHOWN = 50;

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void at(Node node, String message, String hint) {
        at(node == null ? null : node.getStartMark(), message, hint);
    }

    void at(Mark mark, String message, String hint) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        found.add(new Problem(file, line, column, message, hint));
    }

    void at(int line, int column, String message, String hint) {
        found.add(new Problem(file, line, column, message, hint));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int count() {
        return found.size();
    }

    List<Problem> inFileOrder() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        if (sorted.size() <= SHOWN) {
            return sorted;
        }
        List<Problem> shown = new ArrayList<>(sorted.subList(0, SHOWN));
        Problem next = sorted.get(SHOWN);
        shown.add(new Problem(file, next.line(), next.column(), (sorted.size() - SHOWN) + " more problems from here"
                + " on are not shown", "fix the ones above and validate the file again"));
        return shown;
    }
}
