package dev.vigil.cli.daemon;

import dev.vigil.cib.Spelling;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.model.Score;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlacementFacts;
import dev.vigil.core.scheduler.Scheduler;
import dev.vigil.core.scheduler.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the read-only commands show of a cluster, derived from its CIB by the scheduler's own reading
 * (so status, explain and simulate agree): nodes with their state, the resource tree with roles and
 * placements, failed actions and fail counts. Immutable.
 *
 * @param transition what the scheduler would do now; {@code transition.before()} is the cluster as it is
 */
public record ClusterReport(ClusterSnapshot snapshot, PlacementFacts facts, Transition transition, List<NodeRow> nodes,
                            List<FailedAction> failedActions, List<FailCount> failCounts) {
    public ClusterReport {
        nodes = List.copyOf(nodes);
        failedActions = List.copyOf(failedActions);
        failCounts = List.copyOf(failCounts);
    }

    /**
     * A node.
     *
     * @param state    as crm_mon shows it: online, OFFLINE, standby, maintenance, pending, UNCLEAN (...)
     * @param member   whether it is in the answering daemon's membership (for a file: whether it is online)
     * @param running  how many resource instances are active on it
     */
    public record NodeRow(String name, String id, String state, boolean online, boolean standby, boolean maintenance,
                          boolean pending, boolean unclean, boolean dc, boolean member, int running) {
    }

    /** The last failure of one operation on one node ({@code RSC_last_failure_0}). */
    public record FailedAction(String resource, String operation, long intervalMs, String node, int rc,
                               int execStatus, String exitReason, long lastRcChange, int callId) {
        /** Pacemaker's operation key, e.g. {@code web_monitor_10000}. */
        public String opKey() {
            return resource + "_" + operation + "_" + intervalMs;
        }

        /** The result in words, e.g. "not running". */
        public String rcText() {
            return OcfStatus.fromCode(rc).map(OcfStatus::description).orElse("unknown");
        }
    }

    /**
     * A resource's fail count on a node: the sum of its {@code fail-count-RSC#OP_INTERVAL} attributes.
     *
     * @param operations per operation key ({@code monitor_10000}); the legacy attribute without one is {@code ""}
     * @param lastFailure the latest {@code last-failure-} time, epoch seconds, or 0
     */
    public record FailCount(String node, String resource, int count, Map<String, Integer> operations,
                            long lastFailure) {
        public FailCount {
            operations = java.util.Collections.unmodifiableMap(new TreeMap<>(operations));
        }
    }

    /** The report of {@code snapshot} at {@code now}. */
    public static ClusterReport of(ClusterSnapshot snapshot, Instant now) {
        PlacementFacts facts = PlacementFacts.of(snapshot.cib(), now);
        Transition t = Scheduler.schedule(snapshot.cib(), now);
        Map<String, Integer> running = new LinkedHashMap<>();
        for (ClusterView.ResourceEntry r : t.before().resources()) {
            count(r, running);
        }
        List<NodeRow> nodes = new ArrayList<>();
        for (ClusterView.NodeEntry e : t.before().nodes()) {
            PlacementFacts.NodeFact f = facts.node(e.name()).orElseThrow();
            boolean member = snapshot.isOffline() ? f.online() : snapshot.members().contains(e.name());
            nodes.add(new NodeRow(e.name(), f.id(), e.state(), f.online(), f.standby(), f.maintenance(), f.pending(),
                    f.unclean(), e.name().equals(snapshot.dc()), member, running.getOrDefault(e.name(), 0)));
        }
        return new ClusterReport(snapshot, facts, t, nodes, failedActions(snapshot), failCounts(snapshot));
    }

    private static void count(ClusterView.ResourceEntry r, Map<String, Integer> running) {
        for (ClusterView.Placement p : r.placements()) {
            running.merge(p.node(), 1, Integer::sum);
        }
        r.children().forEach(c -> count(c, running));
    }

    private static List<FailedAction> failedActions(ClusterSnapshot s) {
        List<FailedAction> out = new ArrayList<>();
        for (NodeState n : s.cib().nodeStates()) {
            for (ResourceHistory h : n.history()) {
                for (OperationRecord o : h.operations()) {
                    if (o.id().endsWith("_last_failure_0")) {
                        out.add(new FailedAction(h.id(), o.operation(), o.intervalMs(), n.uname(), o.rc(),
                                o.execStatus(), o.exitReason() == null ? "" : o.exitReason(), o.lastRcChange(),
                                o.callId()));
                    }
                }
            }
        }
        return out;
    }

    private static List<FailCount> failCounts(ClusterSnapshot s) {
        List<FailCount> out = new ArrayList<>();
        for (NodeState n : s.cib().nodeStates()) {
            Map<String, Map<String, Integer>> byResource = new TreeMap<>();
            Map<String, Long> last = new TreeMap<>();
            for (Map.Entry<String, String> a : new TreeMap<>(n.transientAttributes()).entrySet()) {
                if (a.getKey().startsWith("fail-count-")) {
                    String[] rscOp = split(a.getKey().substring("fail-count-".length()));
                    byResource.computeIfAbsent(rscOp[0], k -> new TreeMap<>()).merge(rscOp[1], score(a.getValue()),
                            Score::add);
                } else if (a.getKey().startsWith("last-failure-")) {
                    String[] rscOp = split(a.getKey().substring("last-failure-".length()));
                    last.merge(rscOp[0], seconds(a.getValue()), Math::max);
                }
            }
            byResource.forEach((rsc, ops) -> {
                int total = ops.values().stream().reduce(0, Score::add);
                if (total != 0) {
                    out.add(new FailCount(n.uname(), rsc, total, ops, last.getOrDefault(rsc, 0L)));
                }
            });
        }
        return out;
    }

    /** {@code web#monitor_10000} → {@code [web, monitor_10000]}; {@code web} → {@code [web, ""]}. */
    private static String[] split(String rest) {
        int hash = rest.indexOf('#');
        return hash < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, hash), rest.substring(hash + 1)};
    }

    private static int score(String v) {
        try {
            return Score.parse(v).value();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The node called {@code name}, if any. */
    public Optional<NodeRow> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Node names in configuration order. */
    public List<String> nodeNames() {
        return nodes.stream().map(NodeRow::name).toList();
    }

    /**
     * Fail counts of a primitive (an anonymous clone's instances are counted under the primitive's id,
     * as Pacemaker records them; a unique instance's under {@code id:N}).
     */
    public List<FailCount> failCountsOf(String primitiveId) {
        return failCounts.stream().filter(f -> f.resource().equals(primitiveId)
                || f.resource().startsWith(primitiveId + ":")).toList();
    }

    /** Every configured resource id: top-level resources, group members, the resources inside clones. */
    public List<String> resourceNames() {
        List<String> out = new ArrayList<>();
        for (Resource r : snapshot.cib().resources()) {
            names(r, out);
        }
        return out;
    }

    private static void names(Resource r, List<String> out) {
        out.add(r.id());
        if (r instanceof Group g) {
            g.children().forEach(c -> out.add(c.id()));
        } else if (r instanceof Clone c) {
            names(c.child(), out);
        }
    }

    /** "unknown resource 'x' (known: a, b); did you mean 'y'?" */
    public String unknownResource(String id) {
        return unknown("resource", id, resourceNames());
    }

    /** "unknown node 'x' (known: node1, node2); did you mean 'y'?" */
    public String unknownNode(String name) {
        return unknown("node", name, nodeNames());
    }

    private static String unknown(String what, String name, List<String> known) {
        String hint = Spelling.closest(name, known).map(k -> "; did you mean '" + k + "'?").orElse("");
        return "unknown " + what + " '" + name + "' (known: " + (known.isEmpty() ? "none" : String.join(", ", known))
                + ")" + hint;
    }
}
