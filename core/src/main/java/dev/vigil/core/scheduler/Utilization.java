package dev.vigil.core.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * Utilization-based placement ({@code placement-strategy} utilization, balanced, minimal): a node is
 * eligible only while its capacity covers what the resources assigned to it need.
 */
final class Utilization {
    private Utilization() {
    }

    /** What a resource (all its primitives) needs, per utilization attribute. */
    static Map<String, Integer> demand(Rsc r) {
        Map<String, Integer> out = new HashMap<>();
        for (Rsc leaf : r.leaves()) {
            for (Map.Entry<String, String> e : leaf.primitive.utilization().entrySet()) {
                out.merge(e.getKey(), ResourceBuilder.intScore(e.getValue(), 0), Integer::sum);
            }
        }
        return out;
    }

    static int capacity(NodeView n, String key) {
        return ResourceBuilder.intScore(n.utilization.get(key), 0);
    }

    static boolean fits(NodeView n, Map<String, Integer> demand) {
        for (Map.Entry<String, Integer> e : demand.entrySet()) {
            int free = capacity(n, e.getKey()) - n.used.getOrDefault(e.getKey(), 0);
            if (e.getValue() > free) {
                return false;
            }
        }
        return true;
    }

    static void consume(NodeView n, Rsc leaf) {
        if (leaf.primitive == null) {
            return;
        }
        for (Map.Entry<String, String> e : leaf.primitive.utilization().entrySet()) {
            n.used.merge(e.getKey(), ResourceBuilder.intScore(e.getValue(), 0), Integer::sum);
        }
    }

    /** Positive when {@code a} has more free capacity than {@code b} on more attributes. */
    static int compareFree(NodeView a, NodeView b) {
        int result = 0;
        java.util.Set<String> keys = new java.util.TreeSet<>(a.utilization.keySet());
        keys.addAll(b.utilization.keySet());
        for (String k : keys) {
            int fa = capacity(a, k) - a.used.getOrDefault(k, 0);
            int fb = capacity(b, k) - b.used.getOrDefault(k, 0);
            result += Integer.compare(fa, fb);
        }
        return result;
    }
}
