package dev.vigil.cib.read;

import dev.vigil.cib.xml.XmlElement;
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
import java.util.List;
import java.util.Map;

/** Reads {@code <constraints>}, including Heartbeat 2.0's {@code from}/{@code to} forms and tag references. */
final class ConstraintReader {
    private ConstraintReader() {
    }

    static List<Constraint> read(ReadContext ctx, XmlElement constraints, Map<String, List<String>> tags) {
        List<Constraint> out = new ArrayList<>();
        if (constraints == null) {
            return out;
        }
        for (XmlElement raw : constraints.elements()) {
            XmlElement e = ctx.resolve(raw);
            Constraint c = switch (e.name()) {
                case "rsc_location" -> location(ctx, e, tags);
                case "rsc_colocation" -> colocation(ctx, e, tags);
                case "rsc_order" -> order(ctx, e, tags);
                case "rsc_ticket" -> ticket(ctx, e, tags);
                default -> null;
            };
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Score score(ReadContext ctx, XmlElement e, String attr, Score fallback) {
        String s = e.attr(attr);
        if (s == null) {
            return fallback;
        }
        try {
            return Score.parse(s);
        } catch (IllegalArgumentException ex) {
            ctx.error(e, e.name() + " '" + e.attr("id") + "' has a malformed " + attr + ": " + ex.getMessage());
            return fallback;
        }
    }

    private static Role role(ReadContext ctx, XmlElement e, String attr) {
        try {
            return Role.parse(e.attr(attr));
        } catch (IllegalArgumentException ex) {
            ctx.error(e, e.name() + " '" + e.attr("id") + "': " + ex.getMessage());
            return null;
        }
    }

    private static List<ResourceSet> sets(ReadContext ctx, XmlElement e, Map<String, List<String>> tags) {
        List<ResourceSet> out = new ArrayList<>();
        for (XmlElement raw : e.elements("resource_set")) {
            XmlElement s = ctx.resolve(raw);
            List<String> ids = new ArrayList<>();
            for (XmlElement ref : s.elements("resource_ref")) {
                String id = ref.attr("id");
                ids.addAll(tags.getOrDefault(id, List.of(id)));
            }
            out.add(new ResourceSet(s.attr("id"), ids, !"false".equalsIgnoreCase(s.attr("sequential", "true")),
                    !"false".equalsIgnoreCase(s.attr("require-all", "true")), role(ctx, s, "role"),
                    s.attr("action"), s.attr("kind"), score(ctx, s, "score", null)));
        }
        return out;
    }

    private static Constraint location(ReadContext ctx, XmlElement e, Map<String, List<String>> tags) {
        List<Rule> rules = new ArrayList<>();
        for (XmlElement r : e.elements("rule")) {
            rules.add(RuleReader.read(ctx, r));
        }
        List<ResourceSet> sets = sets(ctx, e, tags);
        String rsc = e.attr("rsc");
        if (rsc != null && tags.containsKey(rsc)) {
            sets.add(new ResourceSet(rsc, tags.get(rsc), false, true, null, null, null, null));
            rsc = null;
        }
        String node = e.attr("node");
        Score score = score(ctx, e, "score", null);
        if (node != null && score == null && e.attr("score-attribute") == null) {
            ctx.error(e, "rsc_location '" + e.attr("id") + "' names node '" + node + "' but has no score");
        }
        return new LocationConstraint(e.attr("id"), rsc, e.attr("rsc-pattern"), sets, node,
                score == null ? Score.ZERO : score, rules, role(ctx, e, "role"), e.attr("resource-discovery"));
    }

    private static Constraint colocation(ReadContext ctx, XmlElement e, Map<String, List<String>> tags) {
        String rsc = e.attr("rsc", e.attr("from"));
        String with = e.attr("with-rsc", e.attr("to"));
        List<ResourceSet> sets = sets(ctx, e, tags);
        Score score = score(ctx, e, "score", Score.ZERO);
        if (sets.isEmpty() && rsc != null && with != null && (tags.containsKey(rsc) || tags.containsKey(with))) {
            sets.add(new ResourceSet(e.attr("id") + "-0", tags.getOrDefault(rsc, List.of(rsc)), false, true,
                    role(ctx, e, "rsc-role"), null, null, null));
            sets.add(new ResourceSet(e.attr("id") + "-1", tags.getOrDefault(with, List.of(with)), false, true,
                    role(ctx, e, "with-rsc-role"), null, null, null));
            java.util.Collections.reverse(sets);
            return new ColocationConstraint(e.attr("id"), null, null, null, null, score, e.attr("node-attribute"),
                    sets);
        }
        Role rr = role(ctx, e, "rsc-role");
        Role wr = role(ctx, e, "with-rsc-role");
        if (e.attr("from") != null && rr == null) {
            rr = role(ctx, e, "from_role");
            wr = role(ctx, e, "to_role");
        }
        return new ColocationConstraint(e.attr("id"), rsc, with, rr, wr, score, e.attr("node-attribute"), sets);
    }

    private static Constraint order(ReadContext ctx, XmlElement e, Map<String, List<String>> tags) {
        String first = e.attr("first");
        String then = e.attr("then");
        String firstAction = e.attr("first-action");
        String thenAction = e.attr("then-action");
        if (first == null && e.attr("from") != null) {
            // Heartbeat 2.0: from/to with type before/after; "from after to" is "to then from".
            boolean before = "before".equalsIgnoreCase(e.attr("type", "after"));
            String from = e.attr("from");
            String to = e.attr("to");
            first = before ? from : to;
            then = before ? to : from;
            String action = e.attr("action");
            String toAction = e.attr("to_action", action);
            firstAction = before ? action : toAction;
            thenAction = before ? toAction : action;
        }
        String kind = e.attr("kind");
        if (kind == null) {
            Score s = score(ctx, e, "score", null);
            kind = s == null || s.value() > 0 ? "Mandatory" : "Optional";
        }
        String symText = e.attr("symmetrical");
        boolean symmetrical = symText == null ? !"Serialize".equalsIgnoreCase(kind) : ResourceReader.isTrue(symText);
        List<ResourceSet> sets = sets(ctx, e, tags);
        if (sets.isEmpty() && first != null && then != null && (tags.containsKey(first) || tags.containsKey(then))) {
            sets.add(new ResourceSet(e.attr("id") + "-0", tags.getOrDefault(first, List.of(first)), false, true,
                    null, firstAction, null, null));
            sets.add(new ResourceSet(e.attr("id") + "-1", tags.getOrDefault(then, List.of(then)), false, true,
                    null, thenAction, null, null));
            first = null;
            then = null;
        }
        return new OrderConstraint(e.attr("id"), first, firstAction, then, thenAction, kind, symmetrical, sets);
    }

    private static Constraint ticket(ReadContext ctx, XmlElement e, Map<String, List<String>> tags) {
        List<ResourceSet> sets = sets(ctx, e, tags);
        String rsc = e.attr("rsc");
        if (rsc != null && tags.containsKey(rsc)) {
            sets.add(new ResourceSet(rsc, tags.get(rsc), false, true, role(ctx, e, "rsc-role"), null, null, null));
            rsc = null;
        }
        return new TicketConstraint(e.attr("id"), rsc, role(ctx, e, "rsc-role"), e.attr("ticket"),
                e.attr("loss-policy", "stop"), sets);
    }
}
