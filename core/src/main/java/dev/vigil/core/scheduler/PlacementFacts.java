package dev.vigil.core.scheduler;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.TicketConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs the scheduler weighs when it places resources, read from one CIB at one instant by the
 * scheduler's own stages (node states, the resource tree with Pacemaker's defaults, the operation
 * history and the constraints): each node's state and attributes, each resource's settings, fail
 * counts and history bans, what every location or ticket constraint adds on every node, and the
 * resolved colocations. For explanations ({@code vigil explain}); {@link Scheduler} does not use it,
 * and building it changes nothing. Immutable.
 *
 * @param symmetric whether the cluster is opt-out ({@code symmetric-cluster}, default true); in an
 *                  opt-in cluster a node no location constraint names is forbidden
 * @param stopAll   {@code stop-all-resources}
 */
public record PlacementFacts(boolean symmetric, boolean stopAll, List<NodeFact> nodes, List<ResourceFact> resources,
                             List<LocationFact> locations, List<ColocationFact> colocations) {
    public PlacementFacts {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        locations = List.copyOf(locations);
        colocations = List.copyOf(colocations);
    }

    /**
     * A node as the scheduler sees it.
     *
     * @param canHost    whether resources may be placed there (online, clean, not standby, pending,
     *                   shutting down or in maintenance)
     * @param health     the score node health adds to every resource there ({@code node-health-strategy})
     * @param attributes permanent and transient attributes, with {@code #uname}, {@code #id}, {@code #kind},
     *                   {@code #is_dc}, as rules see them
     */
    public record NodeFact(String name, String id, boolean online, boolean unclean, boolean standby, boolean pending,
                           boolean maintenance, boolean shutdown, boolean canHost, int health,
                           Map<String, String> attributes) {
        public NodeFact {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A resource at any level (primitive, group, clone, clone instance such as {@code db:1}) with its
     * effective settings (own meta attributes, the parent's, then {@code rsc_defaults}).
     *
     * @param kind              primitive, group or clone
     * @param parent            the enclosing group or clone, or null
     * @param runningOn         nodes where it is active now (primitives)
     * @param failCounts        node name to the fail count the scheduler counts there (failure-timeout
     *                          applied; primitives, non-zero counts only)
     * @param bannedOn          nodes its history bans it from (a failed stop or on-fail=block...)
     * @param bannedEverywhere  whether its history bans it from every node
     */
    public record ResourceFact(String id, String kind, String parent, List<String> children, int priority,
                               int stickiness, int migrationThreshold, long failureTimeoutMs, String targetRole,
                               boolean managed, boolean blocked, boolean orphan, String role, boolean failed,
                               List<String> runningOn, Map<String, Integer> failCounts, List<String> bannedOn,
                               boolean bannedEverywhere) {
        public ResourceFact {
            children = List.copyOf(children);
            runningOn = List.copyOf(runningOn);
            failCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(failCounts));
            bannedOn = List.copyOf(bannedOn);
        }
    }

    /**
     * What one location constraint (one of its rules, or its {@code node}) or ticket constraint adds
     * to a resource's score on a node.
     *
     * @param constraint the constraint's id
     * @param resource   the resource the constraint resolves to (a cloned primitive's id resolves to its clone)
     * @param rule       the id of the rule that matched, or null for a {@code node=} score or a ticket
     * @param role       {@code Promoted} when it only counts for promotion, else null
     */
    public record LocationFact(String constraint, String resource, String node, int score, String rule, String role) {
    }

    /** A colocation between two resources as the scheduler resolved it (sets become pairs). */
    public record ColocationFact(String constraint, String dependent, String primary, int score,
                                 String dependentRole, String primaryRole, String nodeAttribute) {
    }

    /** Reads the facts of {@code cib} at {@code now}, with the scheduler's own stages. */
    public static PlacementFacts of(Cib cib, Instant now) {
        WorkingSet ws = new WorkingSet(cib, now);
        NodeUnpacker.unpack(ws);
        ResourceBuilder.build(ws);
        HistoryUnpacker history = new HistoryUnpacker(ws);
        history.unpack();
        ConstraintResolver all = new ConstraintResolver(ws);
        all.resolveAll();
        List<NodeFact> nodes = new ArrayList<>();
        for (NodeView n : ws.nodes) {
            nodes.add(new NodeFact(n.name, n.id, n.online, n.unclean, n.standby, n.pending, n.maintenance,
                    n.shutdown, n.canHost(), NodeHealth.score(ws.options, n), n.attributes));
        }
        List<ResourceFact> resources = new ArrayList<>();
        for (Rsc r : ws.byId.values()) {
            resources.add(resource(ws, r, history.bans.getOrDefault(r, List.of())));
        }
        List<ColocationFact> colocations = new ArrayList<>();
        for (Coloc c : all.colocations) {
            colocations.add(new ColocationFact(c.id(), c.dependent().id, c.primary().id, c.score(),
                    label(c.dependentRole()), label(c.primaryRole()), c.nodeAttribute()));
        }
        return new PlacementFacts(ws.options.symmetric(), ws.options.stopAllResources(), nodes, resources,
                locations(ws), colocations);
    }

    private static ResourceFact resource(WorkingSet ws, Rsc r, List<NodeView> bans) {
        List<String> children = r.children.stream().map(c -> c.id).toList();
        List<String> running = r.runningOn.stream().map(n -> n.name).toList();
        Map<String, Integer> fails = new LinkedHashMap<>();
        if (r.isPrimitive()) {
            for (NodeView n : ws.nodes) {
                int count = FailCounts.count(ws, r, n);
                if (count > 0) {
                    fails.put(n.name, count);
                }
            }
        }
        List<String> bannedOn = bans.stream().filter(n -> n != null).map(n -> n.name).distinct().toList();
        String kind = r.kind.name().toLowerCase(java.util.Locale.ROOT);
        return new ResourceFact(r.id, kind, r.parent == null ? null : r.parent.id, children, r.priority,
                r.stickiness, r.migrationThreshold, r.failureTimeoutMs, r.targetRole.label(), r.managed, r.blocked,
                r.orphan, r.role.label(), r.failed, running, fails, bannedOn,
                bans.stream().anyMatch(java.util.Objects::isNull));
    }

    /** Each location constraint's node score and each of its rules resolved alone; tickets alone. */
    private static List<LocationFact> locations(WorkingSet ws) {
        List<LocationFact> out = new ArrayList<>();
        for (Constraint c : ws.cib.constraints()) {
            if (c instanceof LocationConstraint l) {
                if (l.node() != null) {
                    collect(ws, l.id(), null, new LocationConstraint(l.id(), l.resource(), l.resourcePattern(),
                            l.sets(), l.node(), l.score(), List.of(), l.role(), l.resourceDiscovery()), out);
                }
                for (dev.vigil.core.model.Rule rule : l.rules()) {
                    collect(ws, l.id(), rule.id(), new LocationConstraint(l.id(), l.resource(), l.resourcePattern(),
                            l.sets(), null, l.score(), List.of(rule), l.role(), l.resourceDiscovery()), out);
                }
            } else if (c instanceof TicketConstraint t) {
                collect(ws, t.id(), null, t, out);
            }
        }
        return out;
    }

    private static void collect(WorkingSet ws, String id, String rule, Constraint alone, List<LocationFact> out) {
        ConstraintResolver one = new ConstraintResolver(ws);
        one.resolveAlone(alone);
        add(ws, id, rule, null, one.locations, out);
        add(ws, id, rule, Role.PROMOTED.label(), one.promotedLocations, out);
    }

    private static void add(WorkingSet ws, String id, String rule, String role, Map<Rsc, int[]> scores,
                            List<LocationFact> out) {
        List<Rsc> targets = new ArrayList<>(scores.keySet());
        targets.sort(java.util.Comparator.comparing(r -> r.id));
        for (Rsc r : targets) {
            int[] w = scores.get(r);
            for (NodeView n : ws.nodes) {
                int s = w[n.index];
                // untouched nodes: 0 in an opt-out cluster, "not allowed" (MIN_VALUE) in an opt-in one
                if (s != Integer.MIN_VALUE && (s != 0 || !ws.options.symmetric())) {
                    out.add(new LocationFact(id, r.id, n.name, s, rule, role));
                }
            }
        }
    }

    private static String label(Role r) {
        return r == null ? null : r.label();
    }

    /** The node called {@code name}, if any. */
    public java.util.Optional<NodeFact> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The resource (at any level) called {@code id}, if any. */
    public java.util.Optional<ResourceFact> resource(String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
