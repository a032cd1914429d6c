package dev.vigil.core.scheduler;

import dev.vigil.core.model.ColocationConstraint;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.OrderConstraint;
import dev.vigil.core.model.ResourceSet;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.Rule;
import dev.vigil.core.model.Score;
import dev.vigil.core.model.TicketConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the configured constraints into per-resource location scores, colocations and orderings over
 * the scheduler's resource tree. Constraints naming unknown resources are skipped (the validator
 * reports them).
 */
final class ConstraintResolver {
    final Map<Rsc, int[]> locations = new HashMap<>();
    final Map<Rsc, int[]> promotedLocations = new HashMap<>();
    final List<Coloc> colocations = new ArrayList<>();
    final List<Ordering> orderings = new ArrayList<>();
    /** Resources and the nodes where {@code resource-discovery=never} forbids probing them. */
    final Map<Rsc, java.util.Set<NodeView>> noDiscovery = new HashMap<>();
    private final WorkingSet ws;

    ConstraintResolver(WorkingSet ws) {
        this.ws = ws;
    }

    /** The resource a constraint's id names: a top-level resource or group member; a cloned primitive maps to its clone. */
    Rsc resolve(String id) {
        if (id == null) {
            return null;
        }
        Rsc r = ws.byId.get(id);
        if (r != null && r.parent != null && r.parent.isClone() && r.index >= 0) {
            return r;
        }
        if (r != null) {
            return r;
        }
        for (Rsc top : ws.resources) {
            if (top.isClone() && !top.children.isEmpty()) {
                Rsc first = top.children.get(0);
                String base = first.id.substring(0, first.id.lastIndexOf(':'));
                if (base.equals(id)) {
                    return top;
                }
            }
        }
        return null;
    }

    void resolveAll() {
        for (Constraint c : ws.cib.constraints()) {
            if (c instanceof LocationConstraint l) {
                location(l);
            } else if (c instanceof ColocationConstraint cc) {
                colocation(cc);
            } else if (c instanceof OrderConstraint o) {
                order(o);
            } else if (c instanceof TicketConstraint t) {
                ticket(t);
            }
        }
    }

    /**
     * Resolves one location or ticket constraint on its own (others are ignored), so that
     * {@link PlacementFacts} can tell what each one contributes. Not used by {@link Scheduler}.
     */
    void resolveAlone(Constraint c) {
        if (c instanceof LocationConstraint l) {
            location(l);
        } else if (c instanceof TicketConstraint t) {
            ticket(t);
        }
    }

    private void ticket(TicketConstraint t) {
        Boolean granted = ws.cib.tickets().get(t.ticket());
        if (granted != null && granted) {
            return;
        }
        List<String> ids = new ArrayList<>();
        if (t.resource() != null) {
            ids.add(t.resource());
        }
        for (ResourceSet s : t.sets()) {
            ids.addAll(s.resources());
        }
        String policy = t.lossPolicy() == null ? "stop" : t.lossPolicy().toLowerCase(java.util.Locale.ROOT);
        for (String id : ids) {
            Rsc r = resolve(id);
            if (r == null) {
                continue;
            }
            if (t.role() == Role.PROMOTED) {
                // only the promoted role depends on the ticket
                int[] w = promotedLocations.computeIfAbsent(r, k -> new int[ws.nodeCount()]);
                java.util.Arrays.fill(w, -Score.INFINITY);
                continue;
            }
            int[] w = locations.computeIfAbsent(r, k -> new int[ws.nodeCount()]);
            for (NodeView n : ws.nodes) {
                boolean keep = policy.equals("freeze") && activeOn(r, n);
                if (!keep) {
                    w[n.index] = Score.add(w[n.index] == Integer.MIN_VALUE ? 0 : w[n.index], -Score.INFINITY);
                }
                if (policy.equals("fence") && activeOn(r, n) && granted != null) {
                    NodeUnpacker.fence(n, "deadman ticket was lost");
                }
            }
        }
    }

    private static boolean activeOn(Rsc r, NodeView n) {
        for (Rsc leaf : r.leaves()) {
            if (leaf.runningOn.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private void location(LocationConstraint l) {
        List<Rsc> targets = new ArrayList<>();
        if (l.resource() != null) {
            Rsc r = resolve(l.resource());
            if (r != null) {
                targets.add(r);
            }
        } else if (l.resourcePattern() != null) {
            Pattern p;
            try {
                p = Pattern.compile(l.resourcePattern());
            } catch (java.util.regex.PatternSyntaxException e) {
                return;
            }
            for (Rsc r : ws.byId.values()) {
                if (r.index < 0 && p.matcher(r.id).matches()) {
                    targets.add(r);
                }
            }
        }
        for (ResourceSet s : l.sets()) {
            for (String id : s.resources()) {
                Rsc r = resolve(id);
                if (r != null) {
                    targets.add(r);
                }
            }
        }
        for (Rsc r : targets) {
            if ("never".equals(l.resourceDiscovery()) && l.node() != null && ws.node(l.node()) != null) {
                noDiscovery.computeIfAbsent(r, k -> new java.util.HashSet<>()).add(ws.node(l.node()));
            }
            boolean promotedOnly = l.role() == Role.PROMOTED;
            if (l.node() != null) {
                NodeView n = ws.node(l.node());
                if (n != null) {
                    add(promotedOnly ? promotedLocations : locations, r, n, l.score().value());
                }
            }
            for (Rule rule : l.rules()) {
                boolean rulePromoted = promotedOnly || rule.role() == Role.PROMOTED;
                for (NodeView n : ws.nodes) {
                    if (!Rules.matches(rule, n.attributes, ws.now)) {
                        continue;
                    }
                    int score;
                    if (rule.scoreAttribute() != null) {
                        String v = n.attributes.get(rule.scoreAttribute());
                        if (v == null) {
                            continue;
                        }
                        score = ResourceBuilder.intScore(v, 0);
                    } else {
                        score = rule.score() == null ? 0 : rule.score().value();
                    }
                    add(rulePromoted ? promotedLocations : locations, r, n, score);
                }
                if (rule.expressions().isEmpty() && rule.score() == null) {
                    continue;
                }
            }
        }
    }

    private void add(Map<Rsc, int[]> map, Rsc r, NodeView n, int score) {
        int[] w = map.get(r);
        if (w == null) {
            w = new int[ws.nodeCount()];
            if (!ws.options.symmetric() && map == locations) {
                // In an opt-in cluster only nodes named by a constraint are allowed.
                java.util.Arrays.fill(w, Integer.MIN_VALUE);
            }
            map.put(r, w);
        }
        int cur = w[n.index] == Integer.MIN_VALUE ? 0 : w[n.index];
        w[n.index] = Score.add(cur, score);
    }

    private void colocation(ColocationConstraint c) {
        int score = c.score().value();
        if (c.sets().isEmpty()) {
            Rsc dep = resolve(c.resource());
            Rsc prim = resolve(c.withResource());
            if (dep != null && prim != null && dep != prim) {
                colocations.add(new Coloc(c.id(), dep, prim, score, c.role(), c.withRole(), c.nodeAttribute()));
            }
            return;
        }
        List<List<Rsc>> sets = new ArrayList<>();
        for (ResourceSet s : c.sets()) {
            List<Rsc> members = new ArrayList<>();
            for (String id : s.resources()) {
                Rsc r = resolve(id);
                if (r != null) {
                    members.add(r);
                }
            }
            sets.add(members);
            int setScore = s.score() == null ? score : s.score().value();
            if (s.sequential()) {
                for (int i = 1; i < members.size(); i++) {
                    colocations.add(new Coloc(c.id(), members.get(i), members.get(i - 1), setScore, s.role(),
                            s.role(), c.nodeAttribute()));
                }
            }
        }
        linkSets(c.sets(), sets, (s1, s2, d, p) -> colocations.add(
                new Coloc(c.id(), d, p, score, s1.role(), s2.role(), c.nodeAttribute())));
    }

    private void order(OrderConstraint o) {
        boolean mandatory = !"Optional".equalsIgnoreCase(o.kind()) && !"Serialize".equalsIgnoreCase(o.kind());
        if (o.sets().isEmpty()) {
            Rsc first = resolve(o.first());
            Rsc then = resolve(o.then());
            if (first == null || then == null || first == then) {
                return;
            }
            addOrder(o.id(), first, action(o.firstAction()), then, action(o.thenAction(), o.firstAction()),
                    mandatory, true, o.symmetrical());
            return;
        }
        List<List<Rsc>> sets = new ArrayList<>();
        for (ResourceSet s : o.sets()) {
            List<Rsc> members = new ArrayList<>();
            for (String id : s.resources()) {
                Rsc r = resolve(id);
                if (r != null) {
                    members.add(r);
                }
            }
            sets.add(members);
            String act = action(s.action());
            boolean setMandatory = s.kind() == null ? mandatory
                    : !"Optional".equalsIgnoreCase(s.kind()) && !"Serialize".equalsIgnoreCase(s.kind());
            if (s.sequential()) {
                for (int i = 1; i < members.size(); i++) {
                    addOrder(o.id(), members.get(i - 1), act, members.get(i), act, setMandatory, true,
                            o.symmetrical());
                }
            }
        }
        linkSets(o.sets(), sets, (s1, s2, f, t) -> addOrder(o.id(), f, action(s1.action()), t,
                action(s2.action()), mandatory, s1.requireAll(), o.symmetrical()));
    }

    /** Links each pair of consecutive sets: the last of a sequential set, else all of it, to the next set. */
    private static void linkSets(List<ResourceSet> sets, List<List<Rsc>> members, SetLink link) {
        for (int i = 0; i + 1 < sets.size(); i++) {
            ResourceSet s1 = sets.get(i);
            ResourceSet s2 = sets.get(i + 1);
            List<Rsc> from = members.get(i);
            List<Rsc> to = members.get(i + 1);
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            List<Rsc> fl = s1.sequential() ? List.of(from.get(from.size() - 1)) : from;
            List<Rsc> tl = s2.sequential() ? List.of(to.get(0)) : to;
            for (Rsc f : fl) {
                for (Rsc t : tl) {
                    if (f != t) {
                        link.link(s1, s2, f, t);
                    }
                }
            }
        }
    }

    /** Receives one link between two consecutive resource sets. */
    private interface SetLink {
        void link(ResourceSet first, ResourceSet second, Rsc from, Rsc to);
    }

    private void addOrder(String id, Rsc first, String fa, Rsc then, String ta, boolean mandatory, boolean requireAll,
                          boolean symmetrical) {
        orderings.add(new Ordering(id, first, fa, then, ta, mandatory, requireAll, false));
        if (symmetrical) {
            String ifa = inverse(ta);
            String ita = inverse(fa);
            if (ifa != null && ita != null) {
                orderings.add(new Ordering(id, then, ifa, first, ita, mandatory, true, true));
            }
        }
    }

    private static String action(String a) {
        return a == null ? "start" : a;
    }

    private static String action(String a, String fallback) {
        return a == null ? action(fallback) : a;
    }

    private static String inverse(String a) {
        return switch (a) {
            case "start" -> "stop";
            case "stop" -> "start";
            case "promote" -> "demote";
            case "demote" -> "promote";
            default -> null;
        };
    }
}
