package dev.vigil.core.scheduler;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pacemaker-compatible scheduler: a pure function from a CIB (configuration and status) and an instant
 * to a {@link Transition}. No clocks, threads, I/O or shared state; the same input gives the same
 * output. Thread-safe.
 *
 * <p>The stages, in order: unpack nodes; build the resource tree; unpack operation history; resolve
 * constraints; assign nodes and roles; decide fencing; plan and link actions; summarise.
 */
public final class Scheduler {
    private Scheduler() {
    }

    public static Transition schedule(Cib cib, Instant now) {
        WorkingSet ws = new WorkingSet(cib, now);
        NodeUnpacker.unpack(ws);
        ResourceBuilder.build(ws);
        HistoryUnpacker history = new HistoryUnpacker(ws);
        history.unpack();
        ClusterView before = Views.of(ws, false);
        ConstraintResolver cons = new ConstraintResolver(ws);
        cons.resolveAll();
        Assigner assigner = new Assigner(ws, cons, history.bans);
        assigner.assignAll();
        List<NodeView> fenced = fencing(ws);
        Planner planner = new Planner(ws, cons);
        planner.plan();
        Summarizer summarizer = new Summarizer(ws, planner);
        summarizer.summarize(fenced);
        List<PlannedAction> actions = new ArrayList<>();
        for (NodeView n : fenced) {
            actions.add(new PlannedAction("fence", null, n.fenceIsOff ? "off" : ws.options.fencingAction(), n.name,
                    true));
        }
        actions.addAll(probes(ws, cons));
        for (Action a : planner.actions) {
            if (a.required && a.rsc.isPrimitive() && a.node != null) {
                actions.add(new PlannedAction(a.pseudo ? "pseudo" : "resource", a.rsc.id, a.task, a.node.name,
                        a.runnable));
                if (a.task.equals("start") || a.task.equals("promote") || a.task.equals("demote")) {
                    actions.addAll(recurringMonitors(a));
                }
            }
        }
        // Execution order: fencing, probes, demotes, stops, then starts and promotes (each followed by
        // its recurring monitors); within a phase, the planner's order (group members in order).
        List<PlannedAction> ordered = new ArrayList<>(actions);
        ordered.sort(java.util.Comparator.comparingInt(Scheduler::phase));
        actions = ordered;
        List<Transition.ScoreEntry> scores = new ArrayList<>();
        for (String[] s : assigner.scoreLog) {
            scores.add(new Transition.ScoreEntry(s[0], s[1], s[2]));
        }
        applyOutcome(ws, planner, fenced);
        ClusterView after = Views.of(ws, true);
        return new Transition(summarizer.lines, actions, scores, before, after);
    }

    private static int phase(PlannedAction a) {
        if (a.kind().equals("fence")) {
            return 0;
        }
        return switch (a.task()) {
            case "monitor" -> 1;
            case "demote" -> 2;
            case "stop" -> 3;
            case "promote" -> 5;
            default -> 4;
        };
    }

    /** A probe ({@code monitor} with interval 0) wherever a resource's state on an online node is unknown. */
    private static List<PlannedAction> probes(WorkingSet ws, ConstraintResolver cons) {
        List<PlannedAction> out = new ArrayList<>();
        for (Rsc r : ws.byId.values()) {
            if (!r.isPrimitive() || r.orphan || !r.managed) {
                continue;
            }
            Rsc clone = r.cloneParent();
            if (clone != null && !clone.unique && r.index > 0) {
                continue; // an anonymous clone is probed once per node, as its first instance
            }
            java.util.Set<NodeView> never = new java.util.HashSet<>();
            for (Rsc a = r; a != null; a = a.parent) {
                never.addAll(cons.noDiscovery.getOrDefault(a, java.util.Set.of()));
            }
            for (NodeView n : ws.nodes) {
                boolean known = r.probedOn.contains(n);
                if (clone != null && !clone.unique) {
                    for (Rsc inst : clone.children) {
                        for (Rsc leaf : inst.leaves()) {
                            known |= leaf.primitive == r.primitive && leaf.probedOn.contains(n);
                        }
                    }
                }
                if (n.online && !n.unclean && !known && !never.contains(n)) {
                    out.add(new PlannedAction("resource", r.id, "monitor", n.name, true));
                }
            }
        }
        return out;
    }

    /** The recurring monitors configured for the role a resource is started or promoted into. */
    private static List<PlannedAction> recurringMonitors(Action a) {
        List<PlannedAction> out = new ArrayList<>();
        Role role = a.task.equals("promote") ? Role.PROMOTED
                : a.rsc.nextRole == Role.PROMOTED ? null : a.rsc.nextRole;
        if (role == null) {
            return out;
        }
        for (dev.vigil.core.model.Operation op : a.rsc.primitive.operations()) {
            if (!op.name().equals("monitor") || op.intervalMs() <= 0 || !op.enabled()) {
                continue;
            }
            Role opRole = op.role() == null ? Role.STARTED : op.role();
            boolean matches = opRole == role || (opRole == Role.STARTED && role == Role.UNPROMOTED)
                    || (opRole == Role.UNPROMOTED && role == Role.STARTED);
            if (matches) {
                out.add(new PlannedAction("resource", a.rsc.id, "monitor=" + op.intervalMs(), a.node.name,
                        a.runnable));
            }
        }
        return out;
    }

    private static List<NodeView> fencing(WorkingSet ws) {
        List<NodeView> out = new ArrayList<>();
        if (!ws.options.fencingEnabled()) {
            return out;
        }
        // Pacemaker's pe_can_fence: without quorum only nodes of this partition's membership
        boolean mayFence = ws.options.haveQuorum() || "ignore".equals(ws.options.noQuorumPolicy());
        for (NodeView n : ws.nodes) {
            if (n.unclean && (mayFence || n.member)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Moves every resource to where the transition leaves it, for the revised status. */
    private static void applyOutcome(WorkingSet ws, Planner planner, List<NodeView> fenced) {
        for (NodeView n : fenced) {
            n.unclean = false;
            n.online = false;
        }
        for (Rsc r : ws.byId.values()) {
            if (!r.isPrimitive()) {
                continue;
            }
            boolean startRan = false;
            for (Action a : planner.actionsOf(r, "start")) {
                if (a.node != null && a.runnable) {
                    startRan = true;
                }
            }
            if (!r.managed || r.blocked) {
                continue;
            }
            boolean keep = r.next != null && startRan;
            r.runningOn.clear();
            r.failed = false;
            if (keep) {
                r.runningOn.add(r.next);
                r.role = r.nextRole;
                boolean promoteRan = true;
                for (Action p : planner.actionsOf(r, "promote")) {
                    promoteRan &= p.runnable;
                }
                if (r.nextRole == Role.PROMOTED && !promoteRan) {
                    r.role = Role.UNPROMOTED;
                }
            } else {
                r.role = Role.STOPPED;
            }
        }
    }
}
