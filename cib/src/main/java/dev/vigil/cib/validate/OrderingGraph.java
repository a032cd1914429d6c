package dev.vigil.cib.validate;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mandatory orderings of a configuration as a graph of actions ({@code resource}, {@code action}),
 * one edge per "must happen before". Symmetrical orderings also contribute their inverse (stop and
 * demote in reverse order). Tags are expanded to their members; groups stay single nodes.
 */
final class OrderingGraph {
    /** One action of one resource. */
    record Action(String resource, String action) {
        String label() {
            return action.equals("start") ? resource : resource + " (" + action + ")";
        }
    }

    /** {@code from} must complete before {@code to}, because of {@code constraint}. */
    record Edge(Action from, Action to, XmlElement constraint, int index) { }

    /** Members of one side of an ordering: a resource set or a first/then resource. */
    private record Side(List<String> resources, boolean sequential, boolean requireAll, String action) { }

    final Map<Action, List<Edge>> out = new LinkedHashMap<>();

    static OrderingGraph build(ValidationContext ctx) {
        OrderingGraph g = new OrderingGraph();
        List<Edge> forward = new ArrayList<>();
        List<XmlElement> constraints = ctx.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            XmlElement c = constraints.get(i);
            if (c.name().equals("rsc_order") && c.attr("id-ref") == null && isMandatory(c)) {
                forward.addAll(edges(ctx, c, i));
            }
        }
        forward.forEach(g::add);
        for (Edge e : forward) {
            if (isSymmetrical(e.constraint())) {
                String from = invert(e.to().action());
                String to = invert(e.from().action());
                if (from != null && to != null) {
                    g.add(new Edge(new Action(e.to().resource(), from), new Action(e.from().resource(), to),
                            e.constraint(), e.index()));
                }
            }
        }
        return g;
    }

    private void add(Edge e) {
        out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        out.computeIfAbsent(e.to(), k -> new ArrayList<>());
    }

    /** Mandatory: kind Mandatory, or no kind and a score that is absent, malformed or above zero. */
    static boolean isMandatory(XmlElement c) {
        String kind = c.attr("kind");
        if (kind != null) {
            return kind.equalsIgnoreCase("Mandatory");
        }
        String score = c.attr("score");
        return score == null || !Score.isValid(score) || Score.parse(score).value() > 0;
    }

    private static boolean isSymmetrical(XmlElement c) {
        String s = c.attr("symmetrical");
        if (s == null) {
            return true;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            default -> false;
        };
    }

    private static String invert(String action) {
        return switch (action) {
            case "start" -> "stop";
            case "stop" -> "start";
            case "promote" -> "demote";
            case "demote" -> "promote";
            default -> null;
        };
    }

    private static List<Edge> edges(ValidationContext ctx, XmlElement c, int index) {
        List<Side> sides = sides(ctx, c);
        List<Edge> edges = new ArrayList<>();
        for (int s = 0; s < sides.size(); s++) {
            Side side = sides.get(s);
            List<String> r = side.resources();
            if (side.sequential()) {
                for (int k = 0; k + 1 < r.size(); k++) {
                    edges.add(new Edge(new Action(r.get(k), side.action()), new Action(r.get(k + 1), side.action()),
                            c, index));
                }
            }
            if (s + 1 < sides.size() && side.requireAll() && !r.isEmpty()) {
                Side next = sides.get(s + 1);
                List<String> exits = side.sequential() ? List.of(r.get(r.size() - 1)) : r;
                List<String> nr = next.resources();
                List<String> entries = next.sequential() && !nr.isEmpty() ? List.of(nr.get(0)) : nr;
                for (String a : exits) {
                    for (String b : entries) {
                        edges.add(new Edge(new Action(a, side.action()), new Action(b, next.action()), c, index));
                    }
                }
            }
        }
        return edges;
    }

    private static List<Side> sides(ValidationContext ctx, XmlElement c) {
        List<Side> sides = new ArrayList<>();
        List<XmlElement> sets = c.elements("resource_set");
        if (!sets.isEmpty()) {
            for (XmlElement raw : sets) {
                XmlElement set = ctx.resolve(raw);
                List<String> ids = new ArrayList<>();
                for (XmlElement ref : set.elements("resource_ref")) {
                    if (ref.attr("id") != null) {
                        ids.addAll(expand(ctx, ref.attr("id")));
                    }
                }
                sides.add(new Side(ids, !"false".equalsIgnoreCase(set.attr("sequential", "true")),
                        !"false".equalsIgnoreCase(set.attr("require-all", "true")), set.attr("action", "start")));
            }
            return sides;
        }
        String first = c.attr("first");
        String then = c.attr("then");
        String firstAction = c.attr("first-action", "start");
        String thenAction = c.attr("then-action", firstAction);
        if (first == null && c.attr("from") != null) {
            // Heartbeat 2.0: "from after to" (the default) means "to then from".
            boolean before = "before".equalsIgnoreCase(c.attr("type", "after"));
            String action = c.attr("action", "start");
            String toAction = c.attr("to_action", action);
            first = before ? c.attr("from") : c.attr("to");
            then = before ? c.attr("to") : c.attr("from");
            firstAction = before ? action : toAction;
            thenAction = before ? toAction : action;
        }
        if (first != null && then != null) {
            sides.add(new Side(expand(ctx, first), false, true, firstAction));
            sides.add(new Side(expand(ctx, then), false, true, thenAction));
        }
        return sides;
    }

    private static List<String> expand(ValidationContext ctx, String id) {
        return ctx.tags.getOrDefault(id, List.of(id));
    }
}
