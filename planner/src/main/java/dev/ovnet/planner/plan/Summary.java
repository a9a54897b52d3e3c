package dev.ovnet.planner.plan;

/** Counts as Terraform gives them: a replacement counts once as an add and once as a destroy. */
public record Summary(long add, long change, long destroy) {

    public static final Summary ZERO = new Summary(0, 0, 0);

    public Summary plus(Summary other) {
        return new Summary(add + other.add, change + other.change, destroy + other.destroy);
    }

    public boolean isEmpty() {
        return add == 0 && change == 0 && destroy == 0;
    }
}
