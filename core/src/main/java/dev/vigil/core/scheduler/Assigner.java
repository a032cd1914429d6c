package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses a node (and for promotable clones a role) for every resource: node scores from location
 * constraints, stickiness, failures and availability; colocation primaries placed before their
 * dependents, whose preferences they take into account; groups as one unit; clone instances spread
 * over the allowed nodes. Ties go to the node with fewer resources, then the current node, then the
 * node listed first.
 */
final class Assigner {
    private static final int INF = Score.INFINITY;
    private final WorkingSet ws;
    private final ConstraintResolver cons;
    private final Map<Rsc, List<NodeView>> bans;
    private final Map<Rsc, List<Coloc>> asDependent = new HashMap<>();
    private final Map<Rsc, List<Coloc>> asPrimary = new HashMap<>();
    /** Node scores shown by {@code simulate -s}: resource id, node, score. */
    final List<String[]> scoreLog = new ArrayList<>();
    private final int[] health;

    Assigner(WorkingSet ws, ConstraintResolver cons, Map<Rsc, List<NodeView>> bans) {
        this.ws = ws;
        this.cons = cons;
        this.bans = bans;
        health = new int[ws.nodeCount()];
        for (NodeView n : ws.nodes) {
            health[n.index] = NodeHealth.score(ws.options, n);
        }
        for (Coloc c : cons.colocations) {
            asDependent.computeIfAbsent(unit(c.dependent()), k -> new ArrayList<>()).add(c);
            asPrimary.computeIfAbsent(unit(c.primary()), k -> new ArrayList<>()).add(c);
        }
    }

    /** The resource placed as one piece: a group member's group, an instance's clone, else itself. */
    static Rsc unit(Rsc r) {
        Rsc u = r;
        while (u.parent != null) {
            u = u.parent;
        }
        return u;
    }

    void assignAll() {
        List<Rsc> order = new ArrayList<>(ws.resources);
        order.sort(Comparator.comparingInt((Rsc r) -> -r.priority).thenComparingInt(r -> r.order));
        for (Rsc r : order) {
            assign(r);
        }
    }

    private void assign(Rsc unit) {
        if (unit.assigned || unit.assigning) {
            return;
        }
        unit.assigning = true;
        for (Coloc c : asDependent.getOrDefault(unit, List.of())) {
            Rsc p = unit(c.primary());
            if (p != unit) {
                assign(p);
            }
        }
        switch (unit.kind) {
            case PRIMITIVE -> assignPrimitive(unit);
            case GROUP -> assignGroup(unit);
            case CLONE -> assignClone(unit);
            default -> { }
        }
        unit.assigning = false;
        unit.assigned = true;
    }

    // ---- node scores -------------------------------------------------------------------------

    /** Base scores of a primitive (or clone instance template): constraints, failures, availability. */
    int[] ownWeights(Rsc r, boolean withStickiness) {
        return ownWeights(r, withStickiness, true);
    }

    /** As above; without {@code ancestors} the constraints of enclosing groups and clones are left out. */
    int[] ownWeights(Rsc r, boolean withStickiness, boolean ancestors) {
        int n = ws.nodeCount();
        int[] w = new int[n];
        for (Rsc a = r; a != null; a = ancestors ? a.parent : null) {
            int[] loc = cons.locations.get(a);
            if (loc != null) {
                for (int i = 0; i < n; i++) {
                    if (loc[i] == Integer.MIN_VALUE) {
                        if (w[i] != Integer.MIN_VALUE && !explicitlyAllowed(r, i)) {
                            w[i] = Integer.MIN_VALUE;
                        }
                    } else {
                        w[i] = w[i] == Integer.MIN_VALUE ? loc[i] : Score.add(w[i], loc[i]);
                    }
                }
            }
            if (a.primitive != null && a.index >= 0 && a.parent != null) {
                // a clone instance also takes constraints on its template primitive's id
                Rsc byBase = null;
                for (Rsc x : cons.locations.keySet()) {
                    if (x.isPrimitive() && x.index < 0 && x.id.equals(a.primitive.id())) {
                        byBase = x;
                    }
                }
                if (byBase != null && byBase != a) {
                    int[] loc2 = cons.locations.get(byBase);
                    for (int i = 0; i < n; i++) {
                        if (loc2[i] != Integer.MIN_VALUE) {
                            w[i] = w[i] == Integer.MIN_VALUE ? loc2[i] : Score.add(w[i], loc2[i]);
                        }
                    }
                }
            }
        }
        boolean asymmetric = !ws.options.symmetric();
        for (int i = 0; i < n; i++) {
            if (w[i] == Integer.MIN_VALUE || (asymmetric && !explicitlyAllowed(r, i))) {
                w[i] = -INF;
            }
        }
        for (NodeView node : ws.nodes) {
            if (!node.canHost()) {
                w[node.index] = -INF;
            } else if (health[node.index] != 0) {
                w[node.index] = Score.add(w[node.index], health[node.index]);
            }
        }
        applyFailures(r, w);
        if (withStickiness) {
            addStickiness(r, w);
        }
        return w;
    }

    private boolean explicitlyAllowed(Rsc r, int node) {
        for (Rsc a = r; a != null; a = a.parent) {
            int[] loc = cons.locations.get(a);
            if (loc != null && loc[node] != Integer.MIN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private void applyFailures(Rsc r, int[] w) {
        for (Rsc leaf : r.leaves()) {
            for (Rsc target : List.of(leaf, unit(leaf))) {
                for (NodeView n : bans.getOrDefault(target, List.of())) {
                    if (n == null) {
                        java.util.Arrays.fill(w, -INF);
                    } else {
                        w[n.index] = -INF;
                    }
                }
            }
            for (NodeView n : ws.nodes) {
                int fails = FailCounts.count(ws, leaf, n);
                if (fails > 0 && fails >= leaf.migrationThreshold) {
                    w[n.index] = -INF;
                }
            }
        }
    }

    private void addStickiness(Rsc r, int[] w) {
        for (Rsc leaf : r.leaves()) {
            if (leaf.managed && leaf.stickiness > 0 && leaf.runningOn.size() == 1) {
                NodeView cur = leaf.runningOn.get(0);
                w[cur.index] = Score.add(w[cur.index], leaf.stickiness);
            }
        }
    }

    /** Nodes where the primary of a colocation is (going to be), in the role the colocation names. */
    private Set<NodeView> primaryNodes(Coloc c) {
        Set<NodeView> out = new HashSet<>();
        Rsc p = c.primary();
        Role role = c.primaryRole();
        for (Rsc leaf : placedUnits(p)) {
            if (leaf.next == null) {
                continue;
            }
            if (role == Role.PROMOTED && leaf.nextRole != Role.PROMOTED) {
                continue;
            }
            if (role == Role.UNPROMOTED && leaf.nextRole == Role.PROMOTED) {
                continue;
            }
            out.add(leaf.next);
        }
        return out;
    }

    /** The pieces of a resource that carry a placement: instances of a clone, else the resource. */
    private static List<Rsc> placedUnits(Rsc p) {
        if (p.isClone()) {
            return p.children;
        }
        return List.of(p);
    }

    private boolean sameLocation(Coloc c, NodeView a, Set<NodeView> set) {
        if (c.nodeAttribute() == null || c.nodeAttribute().equals("#uname")) {
            return set.contains(a);
        }
        String v = a.attributes.get(c.nodeAttribute());
        if (v == null) {
            return false;
        }
        for (NodeView b : set) {
            if (v.equals(b.attributes.get(c.nodeAttribute()))) {
                return true;
            }
        }
        return false;
    }

    /** Applies the colocations in which {@code dep} (or a member of it) depends on a placed primary. */
    void applyAsDependent(Rsc dep, int[] w, boolean includeMembers) {
        for (Coloc c : asDependent.getOrDefault(unit(dep), List.of())) {
            if (!includeMembers && c.dependent() != dep) {
                continue;
            }
            if (c.dependentRole() == Role.PROMOTED || unit(c.primary()) == unit(dep)) {
                continue;
            }
            if (!unit(c.primary()).assigned && !unit(c.primary()).assigning) {
                continue;
            }
            Set<NodeView> where = primaryNodes(c);
            for (NodeView n : ws.nodes) {
                boolean with = sameLocation(c, n, where);
                if (c.score() >= INF) {
                    if (!with) {
                        w[n.index] = -INF;
                    }
                } else if (c.score() <= -INF) {
                    if (with) {
                        w[n.index] = -INF;
                    }
                } else if (with) {
                    w[n.index] = Score.add(w[n.index], c.score());
                }
            }
        }
    }

    /** Adds the preferences of resources that will be colocated with {@code primary} and are not placed yet. */
    void mergeDependents(Rsc primary, int[] w, Set<Rsc> visited, double factor) {
        if (!visited.add(primary)) {
            return;
        }
        for (Coloc c : asPrimary.getOrDefault(primary, List.of())) {
            Rsc d = unit(c.dependent());
            if (d.assigned || d.assigning || d == primary || c.primaryRole() == Role.PROMOTED
                    || c.dependentRole() == Role.PROMOTED) {
                continue;
            }
            double f = factor * c.score() / (double) INF;
            if (f == 0) {
                continue;
            }
            int[] dw = d.isPrimitive() ? ownWeights(d, true) : unitWeights(d);
            int[] tmp = w.clone();
            for (int i = 0; i < tmp.length; i++) {
                int add;
                if (dw[i] <= -INF) {
                    // a node the dependent cannot use repels a positive colocation, not a negative one
                    add = f > 0 ? -INF : 0;
                } else if (dw[i] >= INF) {
                    add = f > 0 ? INF : -INF;
                } else {
                    add = (int) (f * dw[i]);
                }
                tmp[i] = Score.add(tmp[i], add);
            }
            if (canRunAny(tmp)) {
                System.arraycopy(tmp, 0, w, 0, w.length);
            }
        }
    }

    private int[] unitWeights(Rsc d) {
        if (d.kind == Rsc.Kind.GROUP) {
            return groupWeights(d, false);
        }
        if (d.isClone()) {
            return cloneWeights(d);
        }
        return ownWeights(d, true);
    }

    private boolean canRunAny(int[] w) {
        for (NodeView n : ws.nodes) {
            if (n.canHost() && w[n.index] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The best node for the given scores, or null when no node has a score of zero or more. */
    private NodeView choose(int[] w, NodeView current, Map<NodeView, Integer> localCount) {
        return choose(w, current, localCount, Map.of());
    }

    private NodeView choose(int[] w, NodeView current, Map<NodeView, Integer> localCount, Map<String, Integer> demand) {
        NodeView best = null;
        boolean capacityMatters = !"default".equals(ws.options.placementStrategy());
        for (NodeView n : ws.nodes) {
            if (!n.canHost() || w[n.index] < 0) {
                continue;
            }
            if (capacityMatters && !Utilization.fits(n, demand)) {
                continue;
            }
            if (best == null || better(n, best, w, current, localCount)) {
                best = n;
            }
        }
        return best;
    }

    private boolean better(NodeView a, NodeView b, int[] w, NodeView current, Map<NodeView, Integer> localCount) {
        if (w[a.index] != w[b.index]) {
            return w[a.index] > w[b.index];
        }
        if (localCount != null) {
            int la = localCount.getOrDefault(a, 0);
            int lb = localCount.getOrDefault(b, 0);
            if (la != lb) {
                return la < lb;
            }
        }
        if ("balanced".equals(ws.options.placementStrategy())) {
            int c = Utilization.compareFree(a, b);
            if (c != 0) {
                return c > 0;
            }
        }
        if (!"minimal".equals(ws.options.placementStrategy()) && a.assignedCount != b.assignedCount) {
            return a.assignedCount < b.assignedCount;
        }
        if (current != null && (a == current) != (b == current)) {
            return a == current;
        }
        // Pacemaker's last tie-break: the lowest-sorting node name
        return a.name.compareTo(b.name) < 0;
    }

    private void log(Rsc r, int[] w) {
        for (NodeView n : ws.nodes) {
            scoreLog.add(new String[] {r.id, n.name, Score.format(w[n.index])});
        }
    }

    // ---- primitives ----------------------------------------------------------------------------

    private void assignPrimitive(Rsc r) {
        int[] w = ownWeights(r, true);
        applyAsDependent(r, w, true);
        mergeDependents(r, w, new HashSet<>(), 1.0);
        log(r, w);
        if (!wantsToRun(r)) {
            place(r, null);
            return;
        }
        NodeView current = r.runningOn.size() == 1 ? r.runningOn.get(0) : null;
        place(r, choose(w, current, null, Utilization.demand(r)));
    }

    private boolean wantsToRun(Rsc r) {
        if (ws.options.stopAllResources() || r.stopOnly) {
            return false;
        }
        for (Rsc a = r; a != null; a = a.parent) {
            if (a.targetRole == Role.STOPPED) {
                return false;
            }
        }
        return true;
    }

    private void place(Rsc r, NodeView n) {
        if (!r.managed || r.blocked) {
            // An unmanaged resource stays exactly where it is.
            r.next = r.runningOn.isEmpty() ? null : r.runningOn.get(0);
            r.nextRole = r.next == null ? Role.STOPPED : r.role;
            if (r.next != null) {
                r.next.assignedCount++;
            }
            return;
        }
        r.next = n;
        if (n != null) {
            n.assignedCount++;
            Utilization.consume(n, r);
            Rsc clone = r.cloneParent();
            r.nextRole = clone != null && clone.promotable ? Role.UNPROMOTED : Role.STARTED;
        } else {
            r.nextRole = Role.STOPPED;
        }
    }

    // ---- groups ----------------------------------------------------------------------------------

    private int[] groupWeights(Rsc g, boolean applyColocations) {
        int[] w = null;
        for (Rsc m : g.children) {
            // the group's own constraints count once, through its first member
            int[] mw = ownWeights(m, true, w == null);
            if (applyColocations) {
                applyAsDependent(m, mw, false);
            }
            if (w == null) {
                w = mw;
                continue;
            }
            int[] tmp = w.clone();
            for (int i = 0; i < tmp.length; i++) {
                tmp[i] = Score.add(tmp[i], mw[i]);
            }
            if (canRunAny(tmp)) {
                w = tmp;
            }
        }
        if (w == null) {
            w = new int[ws.nodeCount()];
        }
        return w;
    }

    private void assignGroup(Rsc g) {
        int[] w = groupWeights(g, true);
        applyAsDependent(g, w, false);
        mergeDependents(g, w, new HashSet<>(), 1.0);
        log(g, w);
        NodeView current = null;
        for (Rsc m : g.children) {
            if (m.runningOn.size() == 1) {
                current = m.runningOn.get(0);
                break;
            }
        }
        NodeView node = wantsToRun(g) ? choose(w, current, null, Utilization.demand(g)) : null;
        assignMembers(g, node);
    }

    private void assignMembers(Rsc g, NodeView node) {
        boolean broken = node == null;
        for (Rsc m : g.children) {
            if (!broken) {
                int[] mw = ownWeights(m, true);
                applyAsDependent(m, mw, false);
                if (mw[node.index] < 0 || !wantsToRun(m)) {
                    broken = true;
                }
            }
            place(m, broken ? null : node);
            if (!m.managed && m.next == null && !broken && node != null) {
                broken = true;
            }
        }
        g.next = node;
    }

    // ---- clones -------------------------------------------------------------------------------------

    private int[] cloneWeights(Rsc clone) {
        Rsc template = clone.children.isEmpty() ? null : clone.children.get(0);
        int[] w;
        if (template == null) {
            w = new int[ws.nodeCount()];
        } else if (template.kind == Rsc.Kind.GROUP) {
            w = groupWeights(template, false);
            removeInstanceStickiness(template, w);
        } else {
            w = ownWeights(template, false);
        }
        // Failures of any instance count against the whole anonymous clone on that node.
        for (Rsc inst : clone.children) {
            if (inst != template) {
                applyFailures(inst, w);
            }
        }
        return w;
    }

    private void removeInstanceStickiness(Rsc inst, int[] w) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.managed && leaf.stickiness > 0 && leaf.runningOn.size() == 1) {
                NodeView cur = leaf.runningOn.get(0);
                if (w[cur.index] > -INF && w[cur.index] < INF) {
                    w[cur.index] -= leaf.stickiness;
                }
            }
        }
    }

    private void assignClone(Rsc clone) {
        int[] cw = cloneWeights(clone);
        applyAsDependent(clone, cw, true);
        mergeDependents(clone, cw, new HashSet<>(), 1.0);
        log(clone, cw);
        Map<NodeView, Integer> perNode = new HashMap<>();
        int placedCount = 0;
        boolean run = wantsToRun(clone);
        List<Rsc> instances = new ArrayList<>(clone.children);
        List<Rsc> pending = new ArrayList<>();
        // First keep running instances where they are, when still allowed.
        for (Rsc inst : instances) {
            NodeView cur = instanceNode(inst);
            if (cur == null || inst.orphan) {
                pending.add(inst);
                continue;
            }
            int[] iw = instanceWeights(inst, cw);
            if (run && placedCount < clone.cloneMax && cur.canHost() && iw[cur.index] >= 0
                    && perNode.getOrDefault(cur, 0) < clone.cloneNodeMax && instanceWants(inst)) {
                placeInstance(inst, cur, iw);
                perNode.merge(cur, 1, Integer::sum);
                placedCount++;
            } else {
                pending.add(inst);
            }
        }
        pending.sort(Comparator.comparing((Rsc i) -> instanceNode(i) == null ? 1 : 0)
                .thenComparingInt(i -> i.index));
        for (Rsc inst : pending) {
            NodeView chosen = null;
            if (run && !inst.orphan && placedCount < clone.cloneMax && instanceWants(inst)) {
                int[] iw = instanceWeights(inst, cw);
                for (NodeView n : ws.nodes) {
                    if (perNode.getOrDefault(n, 0) >= clone.cloneNodeMax) {
                        iw[n.index] = -INF;
                    }
                }
                chosen = choose(iw, instanceNode(inst), perNode, Utilization.demand(inst));
                if (chosen != null) {
                    placeInstance(inst, chosen, iw);
                    perNode.merge(chosen, 1, Integer::sum);
                    placedCount++;
                    continue;
                }
            }
            placeInstance(inst, null, null);
        }
        if (clone.promotable) {
            Promotion.decide(ws, cons, clone, this);
        }
    }

    private boolean instanceWants(Rsc inst) {
        return inst.isPrimitive() ? wantsToRun(inst) && !inst.stopOnly : wantsToRun(inst);
    }

    private static NodeView instanceNode(Rsc inst) {
        for (Rsc leaf : inst.leaves()) {
            if (!leaf.runningOn.isEmpty()) {
                return leaf.runningOn.get(0);
            }
        }
        return null;
    }

    private int[] instanceWeights(Rsc inst, int[] cw) {
        int[] w = cw.clone();
        applyFailures(inst, w);
        addStickiness(inst, w);
        return w;
    }

    private void placeInstance(Rsc inst, NodeView node, int[] iw) {
        if (inst.isPrimitive()) {
            place(inst, node);
            return;
        }
        assignMembers(inst, node);
    }

    /** Applies colocations with role Promoted of the clone to promotion scores. */
    void applyPromotedColocations(Rsc clone, int[] score) {
        for (Coloc c : asDependent.getOrDefault(clone, List.of())) {
            if (c.dependentRole() != Role.PROMOTED || unit(c.dependent()) != clone) {
                continue;
            }
            Set<NodeView> where = primaryNodes(c);
            for (NodeView n : ws.nodes) {
                boolean with = sameLocation(c, n, where);
                if (c.score() >= INF) {
                    if (!with) {
                        score[n.index] = -INF;
                    } else {
                        score[n.index] = Score.add(score[n.index], c.score());
                    }
                } else if (c.score() <= -INF) {
                    if (with) {
                        score[n.index] = -INF;
                    }
                } else if (with) {
                    score[n.index] = Score.add(score[n.index], c.score());
                }
            }
        }
    }
}
