package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the actions that take every resource from where it is to where the assigner put it, links
 * them by the orderings (resource-internal, group, and configured), and propagates "required" and
 * "unrunnable" along those links until nothing changes.
 */
final class Planner {
    private final WorkingSet ws;
    private final ConstraintResolver cons;
    final List<Action> actions = new ArrayList<>();
    private final Map<Rsc, Map<String, List<Action>>> byRsc = new HashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private int seq;

    /** A "then after first" link with what it implies. */
    record Edge(Action first, Action then, boolean impliesThen, boolean impliesFirst, boolean runnableLeft) {
    }

    Planner(WorkingSet ws, ConstraintResolver cons) {
        this.ws = ws;
        this.cons = cons;
    }

    void plan() {
        build();
        if (markMigrations()) {
            actions.clear();
            byRsc.clear();
            edges.clear();
            markers.clear();
            build();
        }
    }

    private void build() {
        for (Rsc top : ws.resources) {
            create(top);
        }
        for (Rsc top : ws.resources) {
            internalOrderings(top);
        }
        for (Ordering o : cons.orderings) {
            configuredOrdering(o);
        }
        propagate();
    }

    /** Whether a resource can live-migrate instead of stopping and starting, by Pacemaker's rules. */
    private boolean canMigrate(Rsc r) {
        NodeView cur = r.current();
        return r.isPrimitive() && r.allowMigrate && r.managed && !r.blocked && !r.failed && r.runningOn.size() == 1
                && r.next != null && cur != r.next && cur.online && !cur.unclean && r.role == Role.STARTED
                && r.cloneParent() == null && r.nextRole == Role.STARTED;
    }

    /**
     * Marks the resources that will migrate. A candidate whose mandatory predecessor (an earlier group
     * member or the first of an ordering) stops without migrating itself must stop and start instead.
     */
    private boolean markMigrations() {
        List<Rsc> candidates = new ArrayList<>();
        for (Rsc r : ws.byId.values()) {
            if (canMigrate(r)) {
                r.migrating = true;
                candidates.add(r);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Rsc r : candidates) {
                if (!r.migrating) {
                    continue;
                }
                for (Action start : actionsOf(r, "start")) {
                    for (Edge e : edges) {
                        if (e.then() != start || !e.impliesThen()) {
                            continue;
                        }
                        Rsc before = e.first().rsc;
                        if (before == r || before.migrating) {
                            continue;
                        }
                        if (stopRequired(before)) {
                            r.migrating = false;
                            r.unmigrateableReason = "unmigrateable " + before.id + " stop";
                            changed = true;
                        }
                    }
                }
            }
        }
        for (Rsc r : candidates) {
            if (r.migrating) {
                return true;
            }
        }
        return !candidates.isEmpty();
    }

    private boolean stopRequired(Rsc r) {
        for (Rsc leaf : r.leaves()) {
            if (leaf.migrating) {
                continue;
            }
            for (Action a : actionsOf(leaf, "stop")) {
                if (a.required) {
                    return true;
                }
            }
        }
        return false;
    }

    List<Action> actionsOf(Rsc r, String task) {
        return byRsc.getOrDefault(r, Map.of()).getOrDefault(task, List.of());
    }

    private Action add(Rsc r, String task, NodeView node, boolean pseudo) {
        Action a = new Action(r, task, node, pseudo, seq++);
        actions.add(a);
        byRsc.computeIfAbsent(r, k -> new HashMap<>()).computeIfAbsent(task, k -> new ArrayList<>()).add(a);
        return a;
    }

    // ---- creation ----------------------------------------------------------------------------------

    private void create(Rsc r) {
        if (!r.isPrimitive()) {
            for (Rsc c : r.children) {
                create(c);
            }
            add(r, "start", null, true);
            add(r, "stop", null, true);
            if (r.isClone() && r.promotable) {
                add(r, "promote", null, true);
                add(r, "demote", null, true);
            }
            return;
        }
        boolean managed = r.managed && !r.blocked;
        NodeView next = r.next;
        boolean multiple = r.runningOn.size() > 1;
        for (NodeView cur : r.runningOn) {
            Action stop = add(r, "stop", cur, cur.unclean);
            stop.required = managed && (cur != next || r.failed || multiple);
            if (stop.required && next == null) {
                stop.reason = "node availability";
            } else if (stop.required && r.unmigrateableReason != null) {
                stop.reason = r.unmigrateableReason;
            }
            if (!managed) {
                stop.runnable = false;
            }
            if (cur.unclean && !ws.options.fencingEnabled()) {
                stop.runnable = false;
            }
        }
        Action start = add(r, "start", next, false);
        boolean staying = next != null && r.runningOn.contains(next) && !multiple;
        start.required = managed && next != null && (!staying || r.failed);
        if (!managed) {
            start.runnable = next != null && r.runningOn.contains(next);
        } else if (next == null) {
            start.runnable = false;
        } else {
            quorumCheck(r, start, staying);
        }
        Role nextRole = r.nextRole;
        if (r.role == Role.PROMOTED && !r.runningOn.isEmpty()) {
            for (NodeView cur : r.runningOn) {
                Action demote = add(r, "demote", cur, cur.unclean);
                demote.required = managed && (nextRole != Role.PROMOTED || cur != next || r.failed || multiple);
                if (!managed) {
                    demote.runnable = false;
                }
            }
        }
        if (nextRole == Role.PROMOTED) {
            Action promote = add(r, "promote", next, false);
            promote.required = managed && (r.role != Role.PROMOTED || !staying || r.failed);
            if (!managed) {
                promote.runnable = false;
            } else {
                quorumCheck(r, promote, staying && r.role == Role.PROMOTED);
            }
        }
    }

    private void quorumCheck(Rsc r, Action a, boolean alreadyThere) {
        if (ws.options.haveQuorum() || "nothing".equals(r.meta.get("requires"))) {
            return;
        }
        switch (ws.options.noQuorumPolicy()) {
            case "ignore" -> { }
            case "freeze" -> {
                if (r.runningOn.isEmpty()) {
                    a.runnable = false;
                    a.reason = "quorum freeze";
                }
            }
            case "demote" -> {
                // promotable instances are demoted and keep running; everything else stops
                boolean promotable = r.cloneParent() != null && r.cloneParent().promotable;
                if (a.task.equals("promote") || !alreadyThere || !promotable) {
                    a.runnable = false;
                    a.reason = "no quorum";
                }
            }
            default -> {
                a.runnable = false;
                a.reason = "no quorum";
            }
        }
    }

    // ---- orderings -------------------------------------------------------------------------------

    private void edge(Action f, Action t, boolean impliesThen, boolean impliesFirst, boolean runnableLeft) {
        if (f != null && t != null && f != t) {
            edges.add(new Edge(f, t, impliesThen, impliesFirst, runnableLeft));
        }
    }

    private Action one(Rsc r, String task) {
        List<Action> l = actionsOf(r, task);
        return l.isEmpty() ? null : l.get(0);
    }

    private void internalOrderings(Rsc r) {
        if (r.isPrimitive()) {
            return;
        }
        for (Rsc c : r.children) {
            internalOrderings(c);
        }
        Action start = one(r, "start");
        Action stop = one(r, "stop");
        for (Rsc c : r.children) {
            // a collective is running once its children are; the children start after it is asked to
            for (Action cs : startsOf(c)) {
                edge(cs, start, false, false, false);
            }
        }
        if (r.kind == Rsc.Kind.GROUP) {
            for (int i = 1; i < r.children.size(); i++) {
                Rsc prev = r.children.get(i - 1);
                Rsc cur = r.children.get(i);
                for (Action ps : startsOf(prev)) {
                    for (Action cs : startsOf(cur)) {
                        edge(ps, cs, true, false, true);
                    }
                }
                for (Action cs : actionsOf(cur, "stop")) {
                    for (Action ps : actionsOf(prev, "stop")) {
                        edge(cs, ps, false, true, false);
                    }
                }
            }
        }
    }

    /** The start actions that stand for a resource in orderings: its own for a primitive, its children's otherwise. */
    private List<Action> startsOf(Rsc r) {
        if (r.isPrimitive()) {
            return actionsOf(r, "start");
        }
        List<Action> out = new ArrayList<>();
        for (Rsc leaf : r.leaves()) {
            out.addAll(actionsOf(leaf, "start"));
        }
        return out;
    }

    private void configuredOrdering(Ordering o) {
        String fa = o.firstAction();
        String ta = o.thenAction();
        boolean firstBringsUp = fa.equals("start") || fa.equals("promote");
        if (!o.mandatory()) {
            return;
        }
        if (o.first().isClone() && o.then().isClone() && o.then().interleave) {
            interleaved(o, fa, ta, firstBringsUp);
            return;
        }
        Action first = aggregate(o.first(), fa);
        for (Action t : targets(o.then(), ta)) {
            edge(first, t, !o.inverse(), o.inverse(), !o.inverse() && firstBringsUp);
        }
    }

    private void interleaved(Ordering o, String fa, String ta, boolean firstBringsUp) {
        for (Rsc ti : o.then().children) {
            NodeView n = nodeFor(ti, ta);
            Rsc match = null;
            for (Rsc fi : o.first().children) {
                if (n != null && nodeFor(fi, fa) == n) {
                    match = fi;
                }
            }
            for (Action t : targets(ti, ta)) {
                if (match == null) {
                    if (!o.inverse() && firstBringsUp && t.node != null) {
                        edge(unrunnableMarker(o.first(), fa), t, false, false, true);
                    }
                    continue;
                }
                edge(aggregate(match, fa), t, !o.inverse(), o.inverse(), !o.inverse() && firstBringsUp);
            }
        }
    }

    private final Map<String, Action> markers = new HashMap<>();

    private Action unrunnableMarker(Rsc r, String task) {
        return markers.computeIfAbsent(r.id + "/" + task, k -> {
            Action a = new Action(r, task, null, true, -1);
            a.runnable = false;
            return a;
        });
    }

    private static NodeView nodeFor(Rsc inst, String task) {
        for (Rsc leaf : inst.leaves()) {
            if (task.equals("stop") || task.equals("demote")) {
                if (!leaf.runningOn.isEmpty()) {
                    return leaf.runningOn.get(0);
                }
            } else if (leaf.next != null) {
                return leaf.next;
            }
        }
        return null;
    }

    /** The action standing for {@code task} of a resource as the "first" of an ordering. */
    private Action aggregate(Rsc r, String task) {
        if (r.isPrimitive()) {
            List<Action> l = actionsOf(r, task);
            if (l.isEmpty()) {
                return task.equals("promote") ? unrunnableMarker(r, task) : null;
            }
            return l.get(0);
        }
        Action a = one(r, task);
        if (a == null && (task.equals("promote") || task.equals("demote"))) {
            a = add(r, task, null, true);
        }
        return a;
    }

    /** The actions that an ordering's "then" side acts on. */
    private List<Action> targets(Rsc r, String task) {
        List<Action> out = new ArrayList<>();
        for (Rsc leaf : r.leaves()) {
            out.addAll(actionsOf(leaf, task));
        }
        return out;
    }

    // ---- propagation -----------------------------------------------------------------------------

    private void propagate() {
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 10_000) {
            changed = false;
            for (Rsc top : ws.resources) {
                changed |= aggregateFlags(top);
            }
            for (Edge e : edges) {
                changed |= apply(e);
            }
            for (Action a : actions) {
                if (a.rsc.isPrimitive()) {
                    changed |= restartRule(a);
                }
            }
        }
    }

    private boolean aggregateFlags(Rsc r) {
        if (r.isPrimitive()) {
            return false;
        }
        boolean changed = false;
        for (Rsc c : r.children) {
            changed |= aggregateFlags(c);
        }
        Action start = one(r, "start");
        Action stop = one(r, "stop");
        boolean anyStartRequired = false;
        boolean allStartRunnable = true;
        boolean anyStartRunnable = false;
        boolean anyStopRequired = false;
        for (Rsc leaf : r.leaves()) {
            for (Action a : actionsOf(leaf, "start")) {
                if (a.node == null) {
                    if (r.kind == Rsc.Kind.GROUP) {
                        allStartRunnable = false;
                    }
                    continue;
                }
                anyStartRequired |= a.required;
                allStartRunnable &= a.runnable;
                anyStartRunnable |= a.runnable;
            }
            for (Action a : actionsOf(leaf, "stop")) {
                anyStopRequired |= a.required;
            }
        }
        boolean runnable = r.isClone() ? anyStartRunnable : allStartRunnable && anyStartRunnable;
        if (start != null) {
            if (anyStartRequired && !start.required) {
                start.required = true;
                changed = true;
            }
            if (!runnable && start.runnable) {
                start.runnable = false;
                changed = true;
            }
        }
        if (stop != null && anyStopRequired && !stop.required) {
            stop.required = true;
            changed = true;
        }
        return changed;
    }

    private boolean apply(Edge e) {
        boolean changed = false;
        Action f = e.first();
        Action t = e.then();
        if (e.runnableLeft() && !f.runnable && t.runnable) {
            t.runnable = false;
            if (t.reason == null) {
                t.reason = "unrunnable " + f.label();
            }
            changed = true;
        }
        if (e.impliesThen() && f.required && !t.required && t.node != null && f.runnable
                && !(f.rsc.migrating && f.task.equals("start"))) {
            t.required = true;
            if (t.reason == null) {
                t.reason = "required " + f.label();
            }
            changed = true;
        }
        if (e.impliesFirst() && t.required && !f.required && f.node != null) {
            f.required = true;
            changed = true;
        }
        return changed;
    }

    /** A resource restarted in place: a required stop where it stays makes its start required, and vice versa. */
    private boolean restartRule(Action a) {
        Rsc r = a.rsc;
        if (!r.managed || r.blocked || r.next == null) {
            return false;
        }
        boolean changed = false;
        if (a.task.equals("stop") && a.required && a.node == r.next) {
            for (Action s : actionsOf(r, "start")) {
                if (!s.required) {
                    s.required = true;
                    changed = true;
                }
            }
        }
        if (a.task.equals("start") && a.required && a.node != null && r.runningOn.contains(a.node)) {
            for (Action s : actionsOf(r, "stop")) {
                if (s.node == a.node && !s.required) {
                    s.required = true;
                    changed = true;
                }
            }
            for (Action p : actionsOf(r, "promote")) {
                if (!p.required && r.role == Role.PROMOTED) {
                    p.required = true;
                    changed = true;
                }
            }
            for (Action d : actionsOf(r, "demote")) {
                if (!d.required) {
                    d.required = true;
                    changed = true;
                }
            }
        }
        if (a.task.equals("start") && !a.runnable && a.node != null && r.runningOn.contains(a.node)) {
            for (Action s : actionsOf(r, "stop")) {
                if (!s.required) {
                    s.required = true;
                    changed = true;
                }
            }
        }
        return changed;
    }
}
