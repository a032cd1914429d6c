package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes each resource's change as one Transition Summary line, in crm_simulate's words: what
 * happens (Start, Stop, Move, Recover, Restart, Migrate, Promote, Demote), where, and why.
 */
final class Summarizer {
    private final WorkingSet ws;
    private final Planner planner;
    final List<SummaryLine> lines = new ArrayList<>();

    Summarizer(WorkingSet ws, Planner planner) {
        this.ws = ws;
        this.planner = planner;
    }

    void summarize(List<NodeView> fenced) {
        for (NodeView n : fenced) {
            lines.add(new SummaryLine("Fence (" + (n.fenceIsOff ? "off" : ws.options.fencingAction()) + ")", n.name,
                    null, n.fenceReason, true));
        }
        for (Rsc r : ws.resources) {
            visit(r);
        }
    }

    private void visit(Rsc r) {
        if (!r.isPrimitive()) {
            for (Rsc c : r.children) {
                visit(c);
            }
            return;
        }
        describe(r);
    }

    private Action find(Rsc r, String task, NodeView node) {
        for (Action a : planner.actionsOf(r, task)) {
            if (a.node == node) {
                return a;
            }
        }
        return null;
    }

    private void describe(Rsc r) {
        NodeView current = r.current();
        NodeView next = r.next;
        Role role = r.role;
        if (current != null && role == Role.STOPPED) {
            role = Role.STARTED;
        }
        if (current == null && r.orphan) {
            return;
        }
        if (!r.managed || r.blocked || (current == null && next == null)) {
            return;
        }
        Role nextRole = next == null ? Role.STOPPED : r.nextRole;
        Action start = next == null ? null : find(r, "start", next);
        Action stop = current == null ? null : find(r, "stop", current);
        Action promote = next == null ? null : find(r, "promote", next);
        Action demote = current == null ? null : find(r, "demote", current);
        boolean moving = current != null && next != null && current != next;
        if (role == nextRole) {
            if (r.migrating && moving && start != null && start.runnable) {
                add("Migrate", r, current, next, role, nextRole, start, null);
                return;
            }
            if (start == null || !start.required) {
                return;
            }
            if (!start.runnable) {
                Action source = stop != null && stop.reason != null ? stop : start;
                add("Stop", r, current, null, role, nextRole, stop, source);
            } else if (moving) {
                add(r.failed ? "Recover" : "Move", r, current, next, role, nextRole, stop, null);
            } else if (r.failed) {
                add("Recover", r, current, null, role, nextRole, stop, null);
            } else {
                add("Restart", r, current, next, role, nextRole, start, start);
            }
            return;
        }
        if (stop != null && (nextRole == Role.STOPPED || (start != null && !start.runnable))) {
            for (NodeView n : r.runningOn) {
                Action s = find(r, "stop", n);
                Action source = s != null && s.reason != null ? s : start;
                add("Stop", r, n, null, role, Role.STOPPED, s, source);
            }
        } else if (stop != null && r.failed && stop.required) {
            add("Recover", r, current, next, role, nextRole, stop, start);
        } else if (moving) {
            add("Move", r, current, next, role, nextRole, stop, null);
        } else if (start != null && start.required
                && !(nextRole == Role.PROMOTED && promote != null && promote.required)) {
            // a start followed by a promotion is reported once, as "Promote (Stopped -> Promoted)"
            add("Start", r, null, next, role, nextRole, start, start);
        }
        if (demote != null && demote.required && !(stop != null && nextRole == Role.STOPPED)) {
            add("Demote", r, current, next, role, nextRole, demote, demote);
        }
        if (promote != null && promote.required && (start == null || start.runnable || !promote.runnable)) {
            add("Promote", r, current, next, role, nextRole, promote, promote);
        }
    }

    private void add(String change, Rsc r, NodeView origin, NodeView destination, Role role, Role nextRole,
                     Action action, Action source) {
        boolean needRole = role.compareTo(Role.STARTED) > 0 || nextRole.compareTo(Role.UNPROMOTED) > 0;
        boolean sameHost = origin != null && destination != null && origin == destination;
        boolean sameRole = role == nextRole;
        String details;
        if (needRole && origin == null) {
            details = role.label() + " -> " + nextRole.label() + " " + destination.name;
        } else if (origin == null) {
            details = destination.name;
        } else if (needRole && destination == null) {
            details = role.label() + " " + origin.name;
        } else if (destination == null) {
            details = origin.name;
        } else if (needRole && sameRole && sameHost) {
            details = role.label() + " " + origin.name;
        } else if (sameRole && sameHost) {
            details = origin.name;
        } else if (needRole && sameRole) {
            details = origin.name + " -> " + destination.name + " " + role.label();
        } else if (sameRole) {
            details = origin.name + " -> " + destination.name;
        } else if (sameHost) {
            details = role.label() + " -> " + nextRole.label() + " " + origin.name;
        } else {
            details = role.label() + " " + origin.name + " -> " + nextRole.label() + " " + destination.name;
        }
        if (source == null) {
            source = action;
        }
        String reason = null;
        boolean runnable = action == null || action.runnable;
        if (source != null && source.reason != null && !runnable) {
            reason = "due to " + source.reason + " (blocked)";
        } else if (source != null && source.reason != null) {
            reason = "due to " + source.reason;
        } else if (!runnable) {
            reason = "blocked";
        }
        lines.add(new SummaryLine(change, r.id, details, reason, false));
    }
}
