package dev.vigil.core.scheduler;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.ColocationConstraint;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.NodeConfig;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.OrderConstraint;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Cib} for scheduler tests in a few lines, without XML.
 *
 * <p>Configuration order (nodes, resources, constraints) is the order of the calls that declare them.
 * Status is independent of call order: node states follow the node declarations, and each node's
 * operation history lists resources in the order they were first mentioned for that node.
 *
 * <pre>{@code
 * Cib cib = ClusterFixture.cluster("node1", "node2")
 *         .fencingDisabled()
 *         .primitive("rsc1")
 *         .location("rsc1", "node2", 100)
 *         .running("rsc1", "node1")
 *         .build();
 * }</pre>
 *
 * <p>Every primitive is an {@code ocf:heartbeat:Dummy} (or {@code ocf:pacemaker:Stateful} inside a
 * promotable clone) with a 10 s monitor; promotable children also get an 11 s monitor in role
 * Unpromoted. Meta attributes are given as {@code "name=value"} strings.
 */
public final class ClusterFixture {
    /** The instant tests schedule at (all recorded operations happened before it). */
    public static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
    static final long OP_TIME = NOW.getEpochSecond() - 60;
    public static final int INFINITY = Score.INFINITY;
    static final long MONITOR_MS = 10_000;
    static final long UNPROMOTED_MONITOR_MS = 11_000;

    private enum NodeKind { ONLINE, OFFLINE, LOST, STANDBY }

    private record NodeDecl(String id, String name, NodeKind kind, Map<String, String> attributes) {
    }

    private final List<NodeDecl> nodes = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> rscDefaults = new LinkedHashMap<>();
    private final Map<String, String> opDefaults = new LinkedHashMap<>();
    private final List<Object> resources = new ArrayList<>(); // Resource, or a deferred builder
    private final List<Constraint> constraints = new ArrayList<>();
    private final Map<String, Map<String, String>> transientAttributes = new HashMap<>();
    private final Map<String, Map<String, List<OperationRecord>>> history = new HashMap<>();
    private final Map<String, String> extraMeta = new HashMap<>();
    private boolean haveQuorum = true;
    private String nodeIdPrefix = "";
    private int callId = 10;
    private int constraintSeq;

    private ClusterFixture() {
    }

    /** A cluster whose given nodes are all online members. */
    public static ClusterFixture cluster(String... onlineNodes) {
        ClusterFixture f = new ClusterFixture();
        for (String n : onlineNodes) {
            f.node(n);
        }
        return f;
    }

    // ---- nodes --------------------------------------------------------------------------------------

    private ClusterFixture addNode(String name, NodeKind kind, Map<String, String> attributes) {
        for (NodeDecl d : nodes) {
            if (d.name.equals(name)) {
                throw new IllegalArgumentException("node " + name + " declared twice");
            }
        }
        nodes.add(new NodeDecl(String.valueOf(nodes.size() + 1), name, kind, attributes));
        return this;
    }

    /** An online cluster member. */
    public ClusterFixture node(String name) {
        return addNode(name, NodeKind.ONLINE, Map.of());
    }

    /** A node that left the cluster cleanly (expected down): offline, never fenced. */
    public ClusterFixture offlineNode(String name) {
        return addNode(name, NodeKind.OFFLINE, Map.of());
    }

    /** A node that disappeared unexpectedly (expected member, no longer in the membership): unclean with fencing. */
    public ClusterFixture lostNode(String name) {
        return addNode(name, NodeKind.LOST, Map.of());
    }

    /** An online member in standby (permanent node attribute {@code standby=on}). */
    public ClusterFixture standbyNode(String name) {
        return addNode(name, NodeKind.STANDBY, Map.of("standby", "on"));
    }

    // ---- options ------------------------------------------------------------------------------------

    public ClusterFixture property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    public ClusterFixture fencingDisabled() {
        return property("fencing-enabled", "false");
    }

    /** Prefixes every node id (ids are otherwise 1, 2, ... in declaration order); names are unchanged. */
    public ClusterFixture nodeIdPrefix(String prefix) {
        nodeIdPrefix = prefix;
        return this;
    }

    public ClusterFixture noQuorum() {
        haveQuorum = false;
        return this;
    }

    public ClusterFixture rscDefault(String name, String value) {
        rscDefaults.put(name, value);
        return this;
    }

    public ClusterFixture opDefault(String name, String value) {
        opDefaults.put(name, value);
        return this;
    }

    public ClusterFixture stickiness(int score) {
        return rscDefault("resource-stickiness", Integer.toString(score));
    }

    /** Adds (or overrides) a meta attribute of an already declared primitive, group or clone. */
    public ClusterFixture meta(String resourceId, String name, String value) {
        extraMeta.put(resourceId + "\u0000" + name, value);
        return this;
    }

    // ---- resources ----------------------------------------------------------------------------------

    /** A top-level {@code ocf:heartbeat:Dummy} primitive with the given {@code name=value} meta attributes. */
    public ClusterFixture primitive(String id, String... meta) {
        resources.add(new PrimitiveDecl(id, "ocf", "heartbeat", "Dummy", meta(meta), false));
        return this;
    }

    /** A {@code stonith:fence_dummy} fencing device. */
    public ClusterFixture fencingDevice(String id) {
        resources.add(new PrimitiveDecl(id, "stonith", null, "fence_dummy", Map.of(), false));
        return this;
    }

    /** A group of new Dummy primitives, started in the given order. */
    public ClusterFixture group(String id, String... members) {
        List<PrimitiveDecl> ps = new ArrayList<>();
        for (String m : members) {
            ps.add(new PrimitiveDecl(m, "ocf", "heartbeat", "Dummy", Map.of(), false));
        }
        resources.add(new GroupDecl(id, Map.of(), ps));
        return this;
    }

    /** An anonymous clone of a new Dummy primitive {@code childId}. */
    public ClusterFixture clone(String id, String childId, String... meta) {
        resources.add(new CloneDecl(id, meta(meta), new PrimitiveDecl(childId, "ocf", "heartbeat", "Dummy", Map.of(),
                false), false));
        return this;
    }

    /** A clone of a new group {@code groupId} of Dummy primitives. */
    public ClusterFixture cloneOfGroup(String id, String groupId, List<String> members, String... meta) {
        List<PrimitiveDecl> ps = new ArrayList<>();
        for (String m : members) {
            ps.add(new PrimitiveDecl(m, "ocf", "heartbeat", "Dummy", Map.of(), false));
        }
        resources.add(new CloneDecl(id, meta(meta), new GroupDecl(groupId, Map.of(), ps), false));
        return this;
    }

    /** A promotable clone of a new {@code ocf:pacemaker:Stateful} primitive {@code childId}. */
    public ClusterFixture promotable(String id, String childId, String... meta) {
        resources.add(new CloneDecl(id, meta(meta), new PrimitiveDecl(childId, "ocf", "pacemaker", "Stateful",
                Map.of(), true), true));
        return this;
    }

    // ---- constraints --------------------------------------------------------------------------------

    private String nextId(String prefix) {
        return prefix + "-" + (++constraintSeq);
    }

    public ClusterFixture location(String rsc, String node, int score) {
        constraints.add(new LocationConstraint(nextId("loc"), rsc, null, List.of(), node, Score.of(score), List.of(),
                null, null));
        return this;
    }

    /** A location constraint that applies only to the Promoted role. */
    public ClusterFixture promotedLocation(String rsc, String node, int score) {
        constraints.add(new LocationConstraint(nextId("loc"), rsc, null, List.of(), node, Score.of(score), List.of(),
                Role.PROMOTED, null));
        return this;
    }

    public ClusterFixture ban(String rsc, String node) {
        return location(rsc, node, -INFINITY);
    }

    /** {@code rsc} is placed relative to {@code withRsc}. */
    public ClusterFixture colocation(String rsc, String withRsc, int score) {
        return colocation(rsc, null, withRsc, null, score);
    }

    public ClusterFixture colocation(String rsc, Role role, String withRsc, Role withRole, int score) {
        constraints.add(new ColocationConstraint(nextId("col"), rsc, withRsc, role, withRole, Score.of(score), null,
                List.of()));
        return this;
    }

    /** A mandatory, symmetrical "start {@code first} then start {@code then}". */
    public ClusterFixture order(String first, String then) {
        return order(first, "start", then, "start", "Mandatory", true);
    }

    public ClusterFixture order(String first, String firstAction, String then, String thenAction, String kind,
                                boolean symmetrical) {
        constraints.add(new OrderConstraint(nextId("ord"), first, firstAction, then, thenAction, kind, symmetrical,
                List.of()));
        return this;
    }

    // ---- status: transient attributes --------------------------------------------------------------

    public ClusterFixture attribute(String node, String name, String value) {
        transientAttributes.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** {@code fail-count-RSC} on a node (use {@link #INFINITY} for a fatal failure). */
    public ClusterFixture failCount(String rsc, String node, int count) {
        attribute(node, "fail-count-" + rsc, Score.format(count));
        return attribute(node, "last-failure-" + rsc, Long.toString(OP_TIME));
    }

    /** The promotion score the agent published for {@code rsc} (the base primitive id) on a node. */
    public ClusterFixture promotionScore(String rsc, String node, int score) {
        return attribute(node, "master-" + rsc, Integer.toString(score));
    }

    // ---- status: operation history -----------------------------------------------------------------

    /** Records one completed operation of {@code rsc} on {@code node} with its result and the expected result. */
    public ClusterFixture op(String rsc, String node, String task, long intervalMs, int rc, int expected) {
        int id = callId++;
        String key = id + ":1:" + expected + ":00000000-0000-0000-0000-00000000000" + (id % 10);
        OperationRecord r = new OperationRecord(rsc + "_" + task + "_" + intervalMs, task, id, rc, 0, expected,
                intervalMs, OP_TIME, null, null, "digest", null, key, null, node);
        history.computeIfAbsent(node, k -> new LinkedHashMap<>()).computeIfAbsent(rsc, k -> new ArrayList<>()).add(r);
        return this;
    }

    /** {@code rsc} was started successfully on {@code node} (start rc 0, expected 0). */
    public ClusterFixture running(String rsc, String node) {
        return op(rsc, node, "start", 0, 0, 0);
    }

    /** {@code rsc} was started and then monitored successfully (rc 0) on {@code node}. */
    public ClusterFixture runningMonitored(String rsc, String node) {
        running(rsc, node);
        return op(rsc, node, "monitor", MONITOR_MS, 0, 0);
    }

    /** A promotable instance started on {@code node} and in role Unpromoted there. */
    public ClusterFixture unpromoted(String rsc, String node) {
        running(rsc, node);
        return op(rsc, node, "monitor", UNPROMOTED_MONITOR_MS, 0, 0);
    }

    /** A promotable instance started and promoted on {@code node} (promote rc 0, monitor rc 8). */
    public ClusterFixture promoted(String rsc, String node) {
        running(rsc, node);
        op(rsc, node, "promote", 0, 0, 0);
        return op(rsc, node, "monitor", MONITOR_MS, 8, 8);
    }

    /** {@code rsc} was running on {@code node} and its recurring monitor then found it not running (rc 7, expected 0). */
    public ClusterFixture failedMonitor(String rsc, String node) {
        running(rsc, node);
        return op(rsc, node, "monitor", MONITOR_MS, 7, 0);
    }

    /** The start of {@code rsc} on {@code node} failed with a generic error (rc 1, expected 0). */
    public ClusterFixture failedStart(String rsc, String node) {
        return op(rsc, node, "start", 0, 1, 0);
    }

    /** A probe found {@code rsc} not running on {@code node} (monitor interval 0, rc 7, expected 7). */
    public ClusterFixture probedStopped(String rsc, String node) {
        return op(rsc, node, "monitor", 0, 7, 7);
    }

    /** {@code rsc} was stopped successfully on {@code node} after having been started there. */
    public ClusterFixture stopped(String rsc, String node) {
        running(rsc, node);
        return op(rsc, node, "stop", 0, 0, 0);
    }

    // ---- building -----------------------------------------------------------------------------------

    public Cib build() {
        List<NodeConfig> nodeConfigs = new ArrayList<>();
        List<NodeState> states = new ArrayList<>();
        for (NodeDecl decl : nodes) {
            NodeDecl n = new NodeDecl(nodeIdPrefix + decl.id, decl.name, decl.kind, decl.attributes);
            nodeConfigs.add(new NodeConfig(n.id, n.name, "member", n.attributes, Map.of()));
            Map<String, String> attrs = transientAttributes.getOrDefault(n.name, Map.of());
            List<ResourceHistory> hist = new ArrayList<>();
            Map<String, List<OperationRecord>> ops = history.getOrDefault(n.name, Map.of());
            for (Map.Entry<String, List<OperationRecord>> e : ops.entrySet()) {
                PrimitiveDecl p = findPrimitive(e.getKey());
                hist.add(new ResourceHistory(e.getKey(), p == null ? "ocf" : p.agentClass,
                        p == null ? "heartbeat" : p.provider, p == null ? "Dummy" : p.type, null, e.getValue()));
            }
            states.add(switch (n.kind) {
                case ONLINE, STANDBY -> new NodeState(n.id, n.name, "true", "online", "member", "member", null, attrs,
                        hist, true);
                case OFFLINE -> new NodeState(n.id, n.name, "false", "offline", "down", "down", null, attrs, hist,
                        true);
                case LOST -> new NodeState(n.id, n.name, "false", "offline", "member", "member", null, attrs, hist,
                        true);
            });
        }
        for (String n : history.keySet()) {
            requireNode(n);
        }
        for (String n : transientAttributes.keySet()) {
            requireNode(n);
        }
        List<Resource> rs = new ArrayList<>();
        for (Object o : resources) {
            rs.add(((Decl) o).toResource());
        }
        Map<String, String> props = new LinkedHashMap<>(properties);
        String dc = nodes.isEmpty() ? null : nodeIdPrefix + nodes.get(0).id;
        return new Cib(new CibVersion(0, 1, 1), "pacemaker-3.9", dc, haveQuorum, props, rscDefaults, opDefaults,
                nodeConfigs, rs, constraints, List.of(), Map.of(), states);
    }

    /** Schedules the built CIB at {@link #NOW}. */
    public Transition schedule() {
        return Scheduler.schedule(build(), NOW);
    }

    private void requireNode(String name) {
        for (NodeDecl d : nodes) {
            if (d.name.equals(name)) {
                return;
            }
        }
        throw new IllegalArgumentException("status for undeclared node " + name);
    }

    private PrimitiveDecl findPrimitive(String historyId) {
        String base = historyId.contains(":") ? historyId.substring(0, historyId.lastIndexOf(':')) : historyId;
        for (Object o : resources) {
            PrimitiveDecl p = ((Decl) o).find(base);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, String> meta(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("meta attribute '" + p + "' is not name=value");
            }
            m.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return m;
    }

    private Map<String, String> withExtraMeta(String id, Map<String, String> own) {
        Map<String, String> m = new LinkedHashMap<>(own);
        String prefix = id + "\u0000";
        for (Map.Entry<String, String> e : extraMeta.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                m.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return m;
    }

    private interface Decl {
        Resource toResource();

        PrimitiveDecl find(String id);
    }

    private final class PrimitiveDecl implements Decl {
        final String id;
        final String agentClass;
        final String provider;
        final String type;
        final Map<String, String> meta;
        final boolean stateful;

        PrimitiveDecl(String id, String agentClass, String provider, String type, Map<String, String> meta,
                      boolean stateful) {
            this.id = id;
            this.agentClass = agentClass;
            this.provider = provider;
            this.type = type;
            this.meta = meta;
            this.stateful = stateful;
        }

        @Override
        public Primitive toResource() {
            List<Operation> ops = new ArrayList<>();
            ops.add(new Operation(id + "-monitor-" + MONITOR_MS, "monitor", MONITOR_MS, stateful ? Role.PROMOTED : null,
                    null, true, Map.of("timeout", "20s")));
            if (stateful) {
                ops.add(new Operation(id + "-monitor-" + UNPROMOTED_MONITOR_MS, "monitor", UNPROMOTED_MONITOR_MS,
                        Role.UNPROMOTED, null, true, Map.of("timeout", "20s")));
            }
            return new Primitive(id, agentClass, provider, type, withExtraMeta(id, meta), Map.of(), Map.of(), ops);
        }

        @Override
        public PrimitiveDecl find(String wanted) {
            return id.equals(wanted) ? this : null;
        }
    }

    private final class GroupDecl implements Decl {
        final String id;
        final Map<String, String> meta;
        final List<PrimitiveDecl> members;

        GroupDecl(String id, Map<String, String> meta, List<PrimitiveDecl> members) {
            this.id = id;
            this.meta = meta;
            this.members = members;
        }

        @Override
        public Group toResource() {
            List<Primitive> ps = new ArrayList<>();
            for (PrimitiveDecl p : members) {
                ps.add(p.toResource());
            }
            return new Group(id, withExtraMeta(id, meta), ps);
        }

        @Override
        public PrimitiveDecl find(String wanted) {
            for (PrimitiveDecl p : members) {
                if (p.id.equals(wanted)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final class CloneDecl implements Decl {
        final String id;
        final Map<String, String> meta;
        final Decl child;
        final boolean promotable;

        CloneDecl(String id, Map<String, String> meta, Decl child, boolean promotable) {
            this.id = id;
            this.meta = meta;
            this.child = child;
            this.promotable = promotable;
        }

        @Override
        public Clone toResource() {
            return new Clone(id, withExtraMeta(id, meta), child.toResource(), promotable);
        }

        @Override
        public PrimitiveDecl find(String wanted) {
            return child.find(wanted);
        }
    }
}
