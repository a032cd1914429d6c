package dev.vigil.core.controller;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.Resource;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delay that keeps the two halves of a split two-node cluster from fencing each other at once.
 * Each half sees the other lost and wants it fenced; both compute, from the same CIB they shared
 * before the split, which node should survive, and only the fencing <em>of that node</em> waits,
 * so the other half is fenced first and its own request dies with it.
 *
 * <p>The node to survive: the higher sum of the {@code priority} meta attribute of the resources
 * active on it (a promoted instance counts one more), as Pacemaker's {@code priority-fencing-delay};
 * on a tie, the node with more active resources; then the node whose name sorts first. The delay
 * is the cluster property {@code priority-fencing-delay}, or 5 s in a two-node cluster where it is
 * not set ({@code 0} turns it off). No delay when the lost node's daemon was seen to end (its
 * connections closed), since a process that ended fences no one. Pure.
 */
final class FencingDelay {
    static final Duration TWO_NODE_DEFAULT = Duration.ofSeconds(5);

    record Delay(Duration length, String reason) {
    }

    private FencingDelay() {
    }

    /**
     * @param members this partition's members (the target is not one of them)
     * @param crashed whether the target's daemon was seen to end rather than go silent
     */
    static Optional<Delay> forLostNode(Cib model, String target, List<String> members, boolean crashed,
            Instant now) {
        Set<String> nodes = new TreeSet<>();
        model.nodes().forEach(n -> nodes.add(n.uname()));
        model.nodeStates().forEach(s -> nodes.add(s.uname()));
        if (nodes.size() != 2 || members.size() != 1 || crashed) {
            return Optional.empty();
        }
        String configured = model.clusterProperties().get("priority-fencing-delay");
        Duration length = configured == null ? TWO_NODE_DEFAULT
                : Duration.ofMillis(Durations.parseMillis(configured, 0));
        if (length.isZero() || length.isNegative()) {
            return Optional.empty();
        }
        String self = members.get(0);
        ClusterView before = Scheduler.schedule(model, now).before();
        Map<String, Resource> byId = new java.util.HashMap<>();
        model.resources().forEach(r -> byId.put(r.id(), r));
        long[] t = weigh(before.resources(), byId, target);
        long[] s = weigh(before.resources(), byId, self);
        boolean targetFirst = t[0] != s[0] ? t[0] > s[0] : t[1] != s[1] ? t[1] > s[1] : target.compareTo(self) < 0;
        if (!targetFirst) {
            return Optional.empty();
        }
        String why = t[0] != s[0] ? "resource priority " + t[0] + " against " + s[0]
                : t[1] != s[1] ? t[1] + " active resources against " + s[1]
                : "equal resources, and its name sorts first";
        return Optional.of(new Delay(length, target + " should survive a split (" + why
                + "), so its fencing waits priority-fencing-delay"));
    }

    /** {priority sum, active primitive count} of {@code node}. */
    private static long[] weigh(List<ClusterView.ResourceEntry> entries, Map<String, Resource> byId, String node) {
        long[] out = new long[2];
        for (ClusterView.ResourceEntry e : entries) {
            Resource r = byId.get(e.id());
            long priority = r == null ? 0 : parse(r.meta().get("priority"));
            add(e, node, priority, out);
        }
        return out;
    }

    private static void add(ClusterView.ResourceEntry e, String node, long priority, long[] out) {
        for (ClusterView.Placement p : e.placements()) {
            if (node.equals(p.node()) && !p.role().equals("Stopped")) {
                out[0] += priority + (p.role().equals("Promoted") || p.role().equals("Master") ? 1 : 0);
                out[1]++;
            }
        }
        for (ClusterView.ResourceEntry c : e.children()) {
            add(c, node, priority, out);
        }
    }

    private static long parse(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
