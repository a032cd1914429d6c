package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which placed instances of a promotable clone are promoted: by the promotion score the agent
 * published ({@code master-RSC} node attribute), location constraints and colocations with role
 * Promoted, up to {@code promoted-max} in all and {@code promoted-node-max} per node.
 */
final class Promotion {
    private Promotion() {
    }

    static void decide(WorkingSet ws, ConstraintResolver cons, Rsc clone, Assigner assigner) {
        int[] extra = new int[ws.nodeCount()];
        for (Rsc a = clone; a != null; a = a.parent) {
            int[] loc = cons.promotedLocations.get(a);
            if (loc != null) {
                for (int i = 0; i < extra.length; i++) {
                    if (loc[i] != Integer.MIN_VALUE) {
                        extra[i] = Score.add(extra[i], loc[i]);
                    }
                }
            }
        }
        assigner.applyPromotedColocations(clone, extra);
        if (!ws.options.haveQuorum() && "demote".equals(ws.options.noQuorumPolicy())) {
            // without quorum, no-quorum-policy=demote leaves nothing promoted
            return;
        }
        List<Rsc> candidates = new ArrayList<>();
        Map<Rsc, Integer> scores = new HashMap<>();
        for (Rsc inst : clone.children) {
            NodeView n = nextNode(inst);
            if (n == null) {
                continue;
            }
            Integer base = attributeScore(clone, inst, n);
            boolean promotedNow = isPromotedOn(inst, n);
            if (base == null) {
                if (!promotedNow) {
                    continue;
                }
                base = 0;
            }
            int s = Score.add(base, extra[n.index]);
            if (promotedNow) {
                s = Score.add(s, stickiness(inst));
            }
            if (s < 0 || Role.UNPROMOTED == clone.targetRole || !inst.managed && !promotedNow) {
                continue;
            }
            if (!canPromote(inst)) {
                continue;
            }
            scores.put(inst, s);
            candidates.add(inst);
        }
        candidates.sort(Comparator.comparingInt((Rsc i) -> -scores.get(i))
                .thenComparing(i -> isPromotedOn(i, nextNode(i)) ? 0 : 1)
                .thenComparingInt(i -> i.index));
        Map<NodeView, Integer> perNode = new HashMap<>();
        int promoted = 0;
        for (Rsc inst : candidates) {
            NodeView n = nextNode(inst);
            if (promoted >= clone.promotedMax || perNode.getOrDefault(n, 0) >= clone.promotedNodeMax) {
                continue;
            }
            perNode.merge(n, 1, Integer::sum);
            promoted++;
            setRole(inst, Role.PROMOTED);
        }
    }

    private static boolean canPromote(Rsc inst) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.targetRole == Role.UNPROMOTED) {
                return false;
            }
        }
        return true;
    }

    private static void setRole(Rsc inst, Role role) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.next != null) {
                leaf.nextRole = role;
            }
        }
    }

    private static NodeView nextNode(Rsc inst) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.next != null) {
                return leaf.next;
            }
        }
        return null;
    }

    private static boolean isPromotedOn(Rsc inst, NodeView n) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.role == Role.PROMOTED && leaf.runningOn.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static int stickiness(Rsc inst) {
        int s = 0;
        for (Rsc leaf : inst.leaves()) {
            s = Score.add(s, leaf.stickiness);
        }
        return s;
    }

    private static Integer attributeScore(Rsc clone, Rsc inst, NodeView n) {
        Integer total = null;
        for (Rsc leaf : inst.leaves()) {
            String base = leaf.primitive.id();
            String v = n.attributes.get("master-" + (clone.unique ? leaf.id : base));
            if (v == null) {
                v = n.attributes.get("promotion-" + base);
            }
            if (v == null && !clone.unique) {
                v = n.attributes.get("master-" + leaf.id);
            }
            if (v != null) {
                total = Score.add(total == null ? 0 : total, ResourceBuilder.intScore(v, 0));
            }
        }
        return total;
    }
}
