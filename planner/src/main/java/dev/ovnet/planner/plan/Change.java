package dev.ovnet.planner.plan;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.ObjectKey;
import java.util.Objects;

/**
 * One change to one object. The variants make illegal combinations unrepresentable: a create has no before,
 * a delete no after, an update or replace keeps the key.
 */
public sealed interface Change {

    Action action();

    ObjectKey key();

    /** The object as it is before the change, or null for a create. */
    KernelObject before();

    /** The object as it is after the change, or null for a delete. */
    KernelObject after();

    record Create(KernelObject after) implements Change {
        public Action action() {
            return Action.CREATE;
        }

        public ObjectKey key() {
            return after.key();
        }

        public KernelObject before() {
            return null;
        }
    }

    record Update(KernelObject before, KernelObject after) implements Change {
        public Update {
            if (!before.key().equals(after.key())) {
                throw new IllegalArgumentException("update must keep the key: " + before.key() + " vs " + after.key());
            }
        }

        public Action action() {
            return Action.UPDATE;
        }

        public ObjectKey key() {
            return after.key();
        }
    }

    record Replace(KernelObject before, KernelObject after, String reason) implements Change {
        public Replace {
            if (!before.key().equals(after.key())) {
                throw new IllegalArgumentException("replace must keep the key: " + before.key() + " vs " + after.key());
            }
            Objects.requireNonNull(reason);
        }

        public Action action() {
            return Action.REPLACE;
        }

        public ObjectKey key() {
            return after.key();
        }
    }

    record Delete(KernelObject before) implements Change {
        public Action action() {
            return Action.DELETE;
        }

        public ObjectKey key() {
            return before.key();
        }

        public KernelObject after() {
            return null;
        }
    }
}
