package dev.vigil.core.scheduler;

/**
 * A planned action during one {@code schedule} call. Flags only ever move one way (optional to
 * required, runnable to unrunnable), so propagation over orderings reaches a fixed point.
 */
final class Action {
    final Rsc rsc;
    final String task;
    final NodeView node;
    final boolean pseudo;
    boolean required;
    boolean runnable = true;
    String reason;
    final int seq;

    Action(Rsc rsc, String task, NodeView node, boolean pseudo, int seq) {
        this.rsc = rsc;
        this.task = task;
        this.node = node;
        this.pseudo = pseudo;
        this.seq = seq;
    }

    /** The name used in reasons: a collective's start is reported as its "running". */
    String label() {
        if (rsc.isPrimitive()) {
            return rsc.id + " " + task;
        }
        return rsc.id + " " + switch (task) {
            case "start" -> "running";
            case "stop" -> "stopped";
            case "promote" -> "promoted";
            case "demote" -> "demoted";
            default -> task;
        };
    }

    @Override
    public String toString() {
        return rsc.id + "_" + task + (node == null ? "" : "@" + node.name)
                + (required ? " required" : "") + (runnable ? "" : " unrunnable");
    }
}
