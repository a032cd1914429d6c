package dev.vigil.cli.explain;

import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.PlacementFacts;
import dev.vigil.core.scheduler.PlacementFacts.ColocationFact;
import dev.vigil.core.scheduler.PlacementFacts.LocationFact;
import dev.vigil.core.scheduler.PlacementFacts.NodeFact;
import dev.vigil.core.scheduler.PlacementFacts.ResourceFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Itemises a placement unit's score on every node the way the scheduler adds it up (Pacemaker's
 * rules as in {@code Assigner}): node availability, node health, location constraints (of the unit
 * and, for a group, of each member; for a clone, of the clone and its instance template), the opt-in
 * rule, failures against {@code migration-threshold} and history bans, stickiness where a primitive
 * runs, and colocations with resources already placed. Stateless apart from its inputs.
 */
final class ScoreBreakdown {
    private static final int INF = Score.INFINITY;
    private final PlacementFacts facts;
    private final ResourceFact unit;
    private final Map<String, List<String>> plannedNodes;
    private final boolean withColocations;
    /** What adds up to the unit's score, in the scheduler's order: the unit, or each member of a group. */
    private final List<Piece> pieces = new ArrayList<>();

    /**
     * One resource's share of the score.
     *
     * @param member          the group member this is, or null for the whole unit
     * @param locations       resources whose location constraints count
     * @param leaves          primitives whose failures count (every instance's, for a clone)
     * @param sticky          primitives whose stickiness counts (none for a clone: each instance has its own)
     * @param healthTimes     how often node health is added
     * @param colocated       dependents whose colocations count
     */
    private record Piece(String member, Set<String> locations, List<ResourceFact> leaves, List<ResourceFact> sticky,
                         int healthTimes, Set<String> colocated) {
    }

    /**
     * @param plannedNodes    where every resource (by id, at every level) is going, by role
     *                        ({@code role:node})
     * @param withColocations whether to include the unit's colocations with resources placed before it
     *                        (not when it is weighed as another resource's dependent)
     */
    ScoreBreakdown(PlacementFacts facts, ResourceFact unit, Map<String, List<String>> plannedNodes,
                   boolean withColocations) {
        this.facts = facts;
        this.unit = unit;
        this.plannedNodes = plannedNodes;
        this.withColocations = withColocations;
        switch (unit.kind()) {
            case "group" -> {
                // Assigner.groupWeights: each member's own weights, the group's constraints through the first
                for (String id : unit.children()) {
                    ResourceFact m = facts.resource(id).orElseThrow();
                    Set<String> locations = new LinkedHashSet<>(List.of(m.id()));
                    if (pieces.isEmpty()) {
                        locations.add(unit.id());
                    }
                    pieces.add(new Piece(m.id(), locations, List.of(m), List.of(m), 1, Set.of(m.id())));
                }
                pieces.add(new Piece(null, Set.of(), List.of(), List.of(), 0, Set.of(unit.id())));
            }
            case "clone" -> {
                Set<String> locations = new LinkedHashSet<>(List.of(unit.id()));
                Set<String> inside = new LinkedHashSet<>(List.of(unit.id()));
                List<ResourceFact> leaves = new ArrayList<>();
                List<ResourceFact> sticky = new ArrayList<>();
                int health = 1;
                if (!unit.children().isEmpty()) {
                    ResourceFact template = facts.resource(unit.children().get(0)).orElseThrow();
                    locations.add(template.id());
                    locations.addAll(template.children());
                    health = Math.max(1, template.children().size());
                    // Assigner.cloneWeights takes a group template's finite stickiness back out, not INFINITY
                    template.children().forEach(c -> facts.resource(c).filter(m -> m.stickiness() >= INF)
                            .ifPresent(sticky::add));
                }
                for (String instance : unit.children()) {
                    ResourceFact i = facts.resource(instance).orElseThrow();
                    inside.add(i.id());
                    inside.addAll(i.children());
                    if (i.kind().equals("primitive")) {
                        leaves.add(i);
                    } else {
                        i.children().forEach(c -> facts.resource(c).ifPresent(leaves::add));
                    }
                }
                pieces.add(new Piece(null, locations, leaves, sticky, health, inside));
            }
            default -> pieces.add(new Piece(null, Set.of(unit.id()), List.of(unit), List.of(unit), 1,
                    Set.of(unit.id())));
        }
    }

    /**
     * The parts of the unit's score on every node, in the order the scheduler adds them. A group
     * member whose share would leave the group no node is left out, as the scheduler does.
     */
    Map<String, List<Explanation.Part>> parts(Map<String, List<String>> remarks) {
        Map<String, List<Explanation.Part>> total = null;
        for (Piece piece : pieces) {
            Map<String, List<Explanation.Part>> mine = new LinkedHashMap<>();
            for (NodeFact n : facts.nodes()) {
                mine.put(n.name(), parts(piece, n, remarks.computeIfAbsent(n.name(), k -> new ArrayList<>())));
            }
            if (total == null) {
                total = mine;
                continue;
            }
            boolean canRunAny = false;
            for (NodeFact n : facts.nodes()) {
                canRunAny |= n.canHost() && Score.add(DependentPreferences.sum(total.get(n.name())),
                        DependentPreferences.sum(mine.get(n.name()))) >= 0;
            }
            if (piece.member() != null && !canRunAny) {
                for (NodeFact n : facts.nodes()) {
                    if (!mine.get(n.name()).isEmpty()) {
                        remarks.get(n.name()).add("not counted: the share of " + piece.member() + " ("
                                + Score.format(DependentPreferences.sum(mine.get(n.name()))) + "), since with it "
                                + "no node could run the group (" + piece.member() + " will not run)");
                    }
                }
                continue;
            }
            for (NodeFact n : facts.nodes()) {
                total.get(n.name()).addAll(mine.get(n.name()));
            }
        }
        return total;
    }

    private List<Explanation.Part> parts(Piece piece, NodeFact n, List<String> remarks) {
        List<Explanation.Part> parts = new ArrayList<>();
        boolean first = piece == pieces.get(0); // a node's availability is said once (it is -INFINITY anyway)
        if (!n.canHost() && first) {
            parts.add(new Explanation.Part(-INF, "node", Wording.nodeState(n), Wording.nodeFix(n)));
        }
        for (LocationFact l : facts.locations()) {
            if (!l.node().equals(n.name()) || !piece.locations().contains(l.resource())) {
                continue;
            }
            if (l.role() != null) {
                remarks.add(Wording.location(l) + " counts for promotion only");
                continue;
            }
            parts.add(new Explanation.Part(l.score(), "location", Wording.location(l), Wording.locationFix(l)));
        }
        if (!facts.symmetric() && first && !explicitlyAllowed(n)) {
            parts.add(new Explanation.Part(-INF, "location", "opt-in cluster (symmetric-cluster=false) and no "
                    + "location constraint allows " + n.name(), "add a location constraint with a score of 0 or "
                    + "more for " + n.name()));
        }
        if (n.health() != 0 && piece.healthTimes() > 0) {
            parts.add(new Explanation.Part(multiply(n.health(), piece.healthTimes()), "health", "node health of "
                    + n.name() + " (#health-* attributes, node-health-strategy)", null));
        }
        failures(piece.leaves(), n, parts, remarks);
        for (ResourceFact leaf : piece.sticky()) {
            if (leaf.managed() && leaf.stickiness() > 0 && leaf.runningOn().equals(List.of(n.name()))) {
                parts.add(new Explanation.Part(leaf.stickiness(), "stickiness", "resource-stickiness="
                        + Score.format(leaf.stickiness()) + " of " + leaf.id() + ", which is running here", null));
            }
        }
        if (withColocations) {
            colocations(piece.colocated(), n, parts);
        }
        return parts;
    }

    /** Whether a location constraint on the unit or anything in it names the node (opt-in clusters). */
    private boolean explicitlyAllowed(NodeFact n) {
        for (Piece p : pieces) {
            for (LocationFact l : facts.locations()) {
                if (l.node().equals(n.name()) && l.role() == null && p.locations().contains(l.resource())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void failures(List<ResourceFact> leaves, NodeFact n, List<Explanation.Part> parts,
                          List<String> remarks) {
        Set<String> said = new LinkedHashSet<>();
        for (ResourceFact leaf : leaves) {
            String name = baseId(leaf.id());
            if ((leaf.bannedEverywhere() || leaf.bannedOn().contains(n.name())) && said.add("ban " + name)) {
                parts.add(new Explanation.Part(-INF, "failure", "the operation history of " + name + " bans it "
                        + (leaf.bannedEverywhere() ? "from every node" : "from " + n.name())
                        + " (a failed stop, or on-fail=block/stop)", "vigil resource cleanup " + name));
            }
            Integer fails = leaf.failCounts().get(n.name());
            // an anonymous clone's instances share one count per node: say it once
            if (fails == null || !said.add("count " + name + " " + fails)) {
                continue;
            }
            String threshold = Score.format(leaf.migrationThreshold());
            if (fails >= leaf.migrationThreshold()) {
                parts.add(new Explanation.Part(-INF, "failure", "fail count " + Score.format(fails) + " of " + name
                        + " on " + n.name() + " reached migration-threshold=" + threshold,
                        "vigil resource cleanup " + name + " --node " + n.name()));
            } else {
                remarks.add("fail count " + Score.format(fails) + " of " + name + " here; migration-threshold="
                        + threshold + (leaf.migrationThreshold() >= INF ? " (failures alone never move it away)"
                        : " (" + (leaf.migrationThreshold() - fails) + " more and it is banned from " + n.name() + ")"));
            }
        }
    }

    private void colocations(Set<String> dependents, NodeFact n, List<Explanation.Part> parts) {
        for (ColocationFact c : facts.colocations()) {
            if (!dependents.contains(c.dependent()) || "Promoted".equals(c.dependentRole())
                    || isUnitOrMember(c.primary()) || top(c.primary()).equals(unit.id())) {
                continue;
            }
            List<String> where = primaryNodes(c);
            boolean with = sameLocation(c, n, where);
            String place = where.isEmpty() ? "which is not going to run anywhere" : "which is going to "
                    + String.join(", ", where);
            String what = "colocation '" + c.constraint() + "' (" + c.dependent() + " with " + c.primary()
                    + (c.primaryRole() == null ? "" : " in role " + c.primaryRole()) + ", score "
                    + Score.format(c.score()) + "), " + place;
            String fix = "it follows " + c.primary() + ": see 'vigil explain " + c.primary() + "'";
            if (c.score() >= INF && !with) {
                parts.add(new Explanation.Part(-INF, "colocation", what, fix));
            } else if (c.score() <= -INF && with) {
                parts.add(new Explanation.Part(-INF, "colocation", what, fix));
            } else if (with && c.score() > -INF && c.score() < INF) {
                parts.add(new Explanation.Part(c.score(), "colocation", what, null));
            }
        }
    }

    /** The resources the unit must run with (colocations of INFINITY), which move it when they move. */
    List<String> mandatoryPrimaries() {
        List<String> out = new ArrayList<>();
        for (ColocationFact c : facts.colocations()) {
            if (isUnitOrMember(c.dependent()) && !isUnitOrMember(c.primary()) && c.score() >= INF
                    && !"Promoted".equals(c.dependentRole()) && !out.contains(c.primary())) {
                out.add(c.primary());
            }
        }
        return out;
    }

    /** The dependents colocated with the unit (their preferences are merged into its score). */
    List<String> dependents() {
        List<String> out = new ArrayList<>();
        for (ColocationFact c : facts.colocations()) {
            if (isUnitOrMember(c.primary()) && !isUnitOrMember(c.dependent())) {
                out.add(c.dependent() + " (colocation '" + c.constraint() + "', score " + Score.format(c.score()) + ")");
            }
        }
        return out;
    }

    private List<String> primaryNodes(ColocationFact c) {
        List<String> out = new ArrayList<>();
        for (String roleNode : plannedNodes.getOrDefault(c.primary(), List.of())) {
            int colon = roleNode.indexOf(':');
            String role = roleNode.substring(0, colon);
            String node = roleNode.substring(colon + 1);
            boolean matches = c.primaryRole() == null || c.primaryRole().equals("Started")
                    || (c.primaryRole().equals("Promoted") ? role.equals("Promoted") : !role.equals("Promoted"));
            if (matches && !out.contains(node)) {
                out.add(node);
            }
        }
        return out;
    }

    private boolean sameLocation(ColocationFact c, NodeFact n, List<String> where) {
        String attribute = c.nodeAttribute();
        if (attribute == null || attribute.equals("#uname")) {
            return where.contains(n.name());
        }
        String v = n.attributes().get(attribute);
        return v != null && where.stream().map(facts::node).flatMap(java.util.Optional::stream)
                .anyMatch(o -> v.equals(o.attributes().get(attribute)));
    }

    private boolean isUnitOrMember(String id) {
        return id.equals(unit.id()) || unit.children().contains(id);
    }

    String top(String id) {
        String t = id;
        for (ResourceFact r = facts.resource(id).orElse(null); r != null && r.parent() != null;
                r = facts.resource(r.parent()).orElse(null)) {
            t = r.parent();
        }
        return t;
    }

    static String baseId(String id) {
        int colon = id.lastIndexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }

    private static int multiply(int score, int times) {
        int total = 0;
        for (int i = 0; i < times; i++) {
            total = Score.add(total, score);
        }
        return total;
    }
}
