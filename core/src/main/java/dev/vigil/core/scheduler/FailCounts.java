package dev.vigil.core.scheduler;

import dev.vigil.core.model.Score;
import java.util.Map;

/**
 * Reads fail counts from a node's transient attributes ({@code fail-count-RSC} and the per-operation
 * {@code fail-count-RSC#OP_INTERVAL} forms, summed), honouring {@code failure-timeout} through the
 * matching {@code last-failure-} attributes.
 */
final class FailCounts {
    private FailCounts() {
    }

    static int count(WorkingSet ws, Rsc leaf, NodeView node) {
        if (leaf.primitive == null) {
            return 0;
        }
        Rsc clone = leaf.cloneParent();
        boolean anonymous = clone != null && !clone.unique;
        String name = anonymous ? leaf.primitive.id() : leaf.id;
        int total = 0;
        long lastFailure = 0;
        for (Map.Entry<String, String> e : node.attributes.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("fail-count-") && matches(k.substring("fail-count-".length()), name, anonymous)) {
                total = Score.add(total, ResourceBuilder.intScore(e.getValue(), 0));
            } else if (k.startsWith("last-failure-") && matches(k.substring("last-failure-".length()), name,
                    anonymous)) {
                try {
                    lastFailure = Math.max(lastFailure, Long.parseLong(e.getValue().trim()));
                } catch (NumberFormatException ignored) {
                    // a malformed timestamp never expires the failure
                }
            }
        }
        if (total > 0 && leaf.failureTimeoutMs > 0 && lastFailure > 0
                && ws.now.toEpochMilli() >= lastFailure * 1000 + leaf.failureTimeoutMs) {
            return 0;
        }
        return total;
    }

    private static boolean matches(String rest, String name, boolean anonymous) {
        int hash = rest.indexOf('#');
        String id = hash >= 0 ? rest.substring(0, hash) : rest;
        if (id.equals(name)) {
            return true;
        }
        if (anonymous && id.startsWith(name + ":")) {
            String n = id.substring(name.length() + 1);
            return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
        }
        return false;
    }
}
