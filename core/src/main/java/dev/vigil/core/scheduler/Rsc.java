package dev.vigil.core.scheduler;

import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's working state of one resource (a primitive, a group, a clone, or one instance of a
 * clone) during one {@code schedule} call: its settings, what it is doing now and where it is going.
 * Confined to one call; never escapes the scheduler.
 */
final class Rsc {
    enum Kind { PRIMITIVE, GROUP, CLONE }

    final String id;
    final Kind kind;
    final Rsc parent;
    final List<Rsc> children = new ArrayList<>();
    final Map<String, String> meta;
    Primitive primitive;

    // settings
    int priority;
    int stickiness;
    int migrationThreshold;
    long failureTimeoutMs;
    boolean managed = true;
    Role targetRole = Role.STARTED;
    boolean promotable;
    boolean unique;
    boolean interleave;
    boolean ordered;
    boolean allowMigrate;
    int cloneMax;
    int cloneNodeMax = 1;
    int promotedMax = 1;
    int promotedNodeMax = 1;
    int index = -1;
    int order;

    // current state (primitives)
    final List<NodeView> runningOn = new ArrayList<>();
    Role role = Role.STOPPED;
    boolean failed;
    boolean blocked;
    boolean orphan;
    boolean stopOnly;
    final List<NodeView> pendingOn = new ArrayList<>();
    /** Nodes whose status already holds a history for this resource (no probe needed there). */
    final java.util.Set<NodeView> probedOn = new java.util.HashSet<>();

    // placement
    int[] weights;
    boolean assigning;
    boolean assigned;
    NodeView next;
    Role nextRole = Role.STOPPED;
    boolean migrating;
    String unmigrateableReason;

    Rsc(String id, Kind kind, Rsc parent, Map<String, String> meta) {
        this.id = id;
        this.kind = kind;
        this.parent = parent;
        this.meta = meta;
    }

    boolean isPrimitive() {
        return kind == Kind.PRIMITIVE;
    }

    boolean isClone() {
        return kind == Kind.CLONE;
    }

    /** The clone this is an instance of (itself or a member of a cloned group), or null. */
    Rsc cloneParent() {
        for (Rsc r = parent; r != null; r = r.parent) {
            if (r.isClone()) {
                return r;
            }
        }
        return null;
    }

    /** The top-level resource this belongs to. */
    Rsc top() {
        Rsc r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        return r;
    }

    /** Every primitive at or below this resource, in order. */
    List<Rsc> leaves() {
        List<Rsc> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Rsc r, List<Rsc> out) {
        if (r.isPrimitive()) {
            out.add(r);
        } else {
            for (Rsc c : r.children) {
                collect(c, out);
            }
        }
    }

    NodeView current() {
        return runningOn.isEmpty() ? null : runningOn.get(0);
    }

    boolean isActive() {
        if (isPrimitive()) {
            return !runningOn.isEmpty();
        }
        for (Rsc c : children) {
            if (c.isActive()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return id;
    }
}
