package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlComment;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The statements of constraints and of the fencing topology, or null when only xml can say them. Stateless. */
final class ConstraintText {
    private ConstraintText() {
    }

    static List<String> location(XmlElement e) {
        String node = e.attr("node");
        String score = e.attr("score");
        List<XmlElement> rules = e.elements("rule");
        boolean nodeForm = node != null && Checks.isScore(score) && TextFormat.isBare(node) && e.elements().isEmpty();
        boolean ruleForm = node == null && score == null && !rules.isEmpty()
                && e.children().stream().allMatch(n -> n instanceof XmlComment
                        || (n instanceof XmlElement r && r.name().equals("rule")));
        String discovery = e.attr("resource-discovery");
        if (!(nodeForm || ruleForm) || !Checks.isId(e.attr("id")) || !Checks.isId(e.attr("rsc"))
                || !Checks.attributesWithin(e, Set.of("id", "rsc", "node", "score", "role", "resource-discovery"))
                || !Checks.isRole(e.attr("role")) || (discovery != null && !TextFormat.isBare(discovery))) {
            return null;
        }
        StringBuilder head = new StringBuilder("location ").append(e.attr("id")).append(' ').append(e.attr("rsc"));
        if (e.attr("role") != null) {
            head.append(" role=").append(e.attr("role"));
        }
        if (discovery != null) {
            head.append(" resource-discovery=").append(discovery);
        }
        if (nodeForm) {
            head.append(' ').append(TextFormat.score(score)).append(": ").append(node);
            return List.of(head.toString());
        }
        List<String> parts = new ArrayList<>(List.of(head.toString()));
        for (XmlElement r : rules) {
            String text = rule(r);
            if (text == null) {
                return null;
            }
            parts.add(text);
        }
        return parts;
    }

    private static String rule(XmlElement r) {
        String score = r.attr("score");
        String scoreAttribute = r.attr("score-attribute");
        String op = r.attr("boolean-op");
        List<XmlElement> expressions = r.elements();
        if (!Checks.attributesWithin(r, Set.of("id", "score", "score-attribute", "boolean-op", "role"))
                || (score != null && scoreAttribute != null) || (score != null && !Checks.isScore(score))
                || (scoreAttribute != null && !(TextFormat.isRuleAttribute(scoreAttribute)))
                || !Checks.isRole(r.attr("role")) || (op != null && !op.equals("and") && !op.equals("or"))
                || expressions.isEmpty() || expressions.size() != r.children().size()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("rule");
        if (r.attr("role") != null) {
            sb.append(" $role=").append(r.attr("role"));
        }
        if (score != null || scoreAttribute != null) {
            sb.append(' ').append(score != null ? TextFormat.score(score) : scoreAttribute).append(':');
        }
        for (int i = 0; i < expressions.size(); i++) {
            String x = expression(expressions.get(i));
            if (x == null) {
                return null;
            }
            sb.append(i == 0 ? " " : " " + (op == null ? "and" : op) + " ").append(x);
        }
        return sb.toString();
    }

    private static String expression(XmlElement x) {
        String attribute = x.attr("attribute");
        String operation = x.attr("operation");
        String value = x.attr("value");
        String type = x.attr("type");
        if (!x.name().equals("expression") || !x.children().isEmpty()
                || !Checks.attributesWithin(x, Set.of("id", "attribute", "operation", "value", "type"))
                || !TextFormat.isRuleAttribute(attribute) || operation == null) {
            return null;
        }
        if (Rules.UNARY.contains(operation)) {
            return value == null && type == null ? operation + " " + attribute : null;
        }
        if (!Rules.BINARY.contains(operation) || value == null || !TextFormat.isWritable(value)
                || (type != null && !Rules.TYPES.contains(type))) {
            return null;
        }
        return attribute + " " + (type == null ? "" : type + ":") + operation + " " + TextFormat.value(value);
    }

    static List<String> colocation(XmlElement e) {
        String score = e.attr("score");
        String nodeAttribute = e.attr("node-attribute");
        if (!e.elements().isEmpty() || !Checks.isScore(score) || !Checks.isId(e.attr("id"))
                || !Checks.isId(e.attr("rsc")) || !Checks.isId(e.attr("with-rsc"))
                || !Checks.attributesWithin(e, Set.of("id", "rsc", "with-rsc", "rsc-role", "with-rsc-role", "score",
                "node-attribute")) || !Checks.isRole(e.attr("rsc-role")) || !Checks.isRole(e.attr("with-rsc-role"))
                || (nodeAttribute != null && !TextFormat.isWritable(nodeAttribute))) {
            return null;
        }
        String text = "colocation " + e.attr("id") + " " + TextFormat.score(score) + ": "
                + qualified(e.attr("rsc"), e.attr("rsc-role")) + " " + qualified(e.attr("with-rsc"),
                e.attr("with-rsc-role")) + (nodeAttribute == null ? "" : " " + TextFormat.pair("node-attribute",
                nodeAttribute));
        return List.of(text);
    }

    static List<String> order(XmlElement e) {
        String kind = e.attr("kind");
        String score = e.attr("score");
        String symmetrical = e.attr("symmetrical");
        String firstAction = e.attr("first-action");
        String thenAction = e.attr("then-action");
        if (!e.elements().isEmpty() || !Checks.isId(e.attr("id")) || !Checks.isId(e.attr("first"))
                || !Checks.isId(e.attr("then")) || (kind != null && score != null)
                || !Checks.attributesWithin(e, Set.of("id", "first", "then", "first-action", "then-action", "kind",
                "score", "symmetrical")) || (kind != null && !ConstraintStatements.KINDS.contains(kind))
                || (score != null && !Checks.isScore(score))
                || (symmetrical != null && !symmetrical.equals("true") && !symmetrical.equals("false"))
                || (firstAction != null && !ConstraintStatements.ACTIONS.contains(firstAction))
                || (thenAction != null && !ConstraintStatements.ACTIONS.contains(thenAction))) {
            return null;
        }
        StringBuilder sb = new StringBuilder("order ").append(e.attr("id")).append(' ');
        if (kind != null || score != null) {
            sb.append(kind != null ? kind : TextFormat.score(score)).append(": ");
        }
        sb.append(qualified(e.attr("first"), firstAction)).append(' ').append(qualified(e.attr("then"), thenAction));
        if (symmetrical != null) {
            sb.append(" symmetrical=").append(symmetrical);
        }
        return List.of(sb.toString());
    }

    /** {@code fencing_topology TARGET: LEVEL…}, when every level names a node and levels count 1, 2… in order. */
    static List<String> fencing(XmlElement section) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        String current = null;
        for (XmlNode n : section.children()) {
            if (n instanceof XmlComment) {
                continue;
            }
            if (!(n instanceof XmlElement l) || !l.name().equals("fencing-level") || !l.children().isEmpty()
                    || !l.attributes().keySet().equals(Set.of("id", "target", "index", "devices"))
                    || !TextFormat.isName(l.attr("target")) || !TextFormat.isBare(l.attr("devices"))
                    || !Checks.isId(l.attr("id"))) {
                return null;
            }
            String target = l.attr("target");
            if (!target.equals(current) && byTarget.containsKey(target)) {
                return null;
            }
            current = target;
            List<String> levels = byTarget.computeIfAbsent(target, k -> new ArrayList<>());
            if (!l.attr("index").equals(Integer.toString(levels.size() + 1))) {
                return null;
            }
            for (String d : l.attr("devices").split(",", -1)) {
                if (!Ids.isValid(d)) {
                    return null;
                }
            }
            levels.add(l.attr("devices"));
        }
        if (byTarget.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of("fencing_topology"));
        byTarget.forEach((target, levels) -> parts.add(target + ": " + String.join(" ", levels)));
        return parts;
    }

    private static String qualified(String rsc, String qualifier) {
        return qualifier == null ? rsc : rsc + ":" + qualifier;
    }
}
