package dev.vigil.cib.crmsh;

import dev.vigil.cib.Spelling;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.Score;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The constraint statements: {@code location}, {@code colocation} and {@code order}. Stateless. */
final class ConstraintStatements {
    static final List<String> KINDS = List.of("Mandatory", "Optional", "Serialize");
    static final List<String> ACTIONS = List.of("start", "stop", "promote", "demote", "promoted", "demoted",
            "started", "stopped", "monitor", "notify", "migrate_to", "migrate_from");
    static final List<String> ROLES = List.of("Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave");
    private static final List<String> LOCATION_OPTIONS = List.of("role", "resource-discovery");

    private ConstraintStatements() {
    }

    /**
     * {@code location ID RSC [role=ROLE] [resource-discovery=MODE] SCORE: NODE} or
     * {@code location ID RSC [options] rule [$role=ROLE] [SCORE:] EXPRESSION [rule …]}.
     */
    static CrmObject location(Statement s) {
        Words w = new Words(s);
        Token id = w.id("location id");
        Token rsc = w.id("resource id");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id.text());
        attrs.put("rsc", rsc.text());
        options(w, attrs);
        List<XmlNode> children = Elements.comments(s);
        Token next = w.next("'SCORE: NODE' or 'rule'");
        if (next.is("rule")) {
            Set<String> taken = new HashSet<>(Set.of(id.text()));
            children.add(Rules.rule(w, id.text() + "-rule", taken));
            while (w.accept("rule")) {
                children.add(Rules.rule(w, id.text() + "-rule", taken));
            }
            if (w.hasMore()) {
                options(w, attrs);
            }
        } else {
            String score = score(w, next, "after the resource '" + rsc.text() + "' (or 'rule')");
            Token node = w.next("the node name after the score");
            if (node.isPair()) {
                throw Words.fail(node, "expected a node name after '" + score + ":', found '" + node.text() + "'");
            }
            attrs.put("score", score);
            attrs.put("node", node.text());
            options(w, attrs);
        }
        if (w.hasMore()) {
            throw Words.fail(w.peek(), "unexpected '" + w.peek().text() + "' at the end of location '" + id.text()
                    + "'");
        }
        XmlElement e = Elements.element("rsc_location", attrs, children);
        return new CrmObject(CrmObject.Kind.CONSTRAINT, id.text(), id, e, List.of(), List.of(rsc), "constraints",
                true);
    }

    private static void options(Words w, Map<String, String> attrs) {
        while (w.hasMore() && w.peek().isPair()) {
            Token t = w.next("");
            if (!LOCATION_OPTIONS.contains(t.name())) {
                throw Words.fail(t, "unknown location option '" + t.name() + "'" + Spelling.suggest(t.name(),
                        LOCATION_OPTIONS) + " (expected role=ROLE or resource-discovery=always|never|exclusive)");
            }
            if (t.name().equals("role")) {
                role(t, t.value());
            }
            attrs.put(t.name(), t.value());
        }
    }

    /** {@code colocation ID SCORE: RSC[:ROLE] WITH_RSC[:ROLE] [node-attribute=NAME]}. */
    static CrmObject colocation(Statement s) {
        Words w = new Words(s);
        Token id = w.id("colocation id");
        String score = score(w, w.next("'SCORE:' (e.g. inf:)"), "");
        Token rsc = w.next("the resource to place");
        Token with = w.next("the resource it is placed with");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id.text());
        attrs.put("score", score);
        String[] a = qualified(rsc, "role");
        String[] b = qualified(with, "role");
        attrs.put("rsc", a[0]);
        attrs.put("with-rsc", b[0]);
        if (a[1] != null) {
            attrs.put("rsc-role", a[1]);
        }
        if (b[1] != null) {
            attrs.put("with-rsc-role", b[1]);
        }
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.isPair() && t.name().equals("node-attribute")) {
                attrs.put("node-attribute", t.value());
            } else if (!t.isPair()) {
                throw Words.fail(t, "colocation '" + id.text() + "' names a third resource, '" + t.text()
                        + "': resource sets are not supported in this language; write the constraint as "
                        + "xml <rsc_colocation ...><resource_set ...>");
            } else {
                throw Words.fail(t, "unknown colocation option '" + t.name() + "' (expected node-attribute=NAME)");
            }
        }
        XmlElement e = Elements.element("rsc_colocation", attrs, Elements.comments(s));
        return new CrmObject(CrmObject.Kind.CONSTRAINT, id.text(), id, e, List.of(), List.of(rsc, with),
                "constraints", true);
    }

    /** {@code order ID [KIND:|SCORE:] FIRST[:ACTION] THEN[:ACTION] [symmetrical=BOOL]}. */
    static CrmObject order(Statement s) {
        Words w = new Words(s);
        Token id = w.id("order id");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id.text());
        Token first = w.next("the first resource");
        if (first.endsWithColon() || (w.peek() != null && w.peek().is(":"))) {
            if (!first.endsWithColon()) {
                w.next("");
                first = new Token(first.text() + ":", first.line(), first.column(), false, -1);
            }
            String kind = first.beforeColon();
            if (KINDS.contains(kind)) {
                attrs.put("kind", kind);
            } else if (Score.isValid(kind)) {
                attrs.put("score", scoreText(kind));
            } else {
                throw Words.fail(first, "'" + kind + "' is neither an order kind nor a score (expected Mandatory:, "
                        + "Optional:, Serialize: or a score such as inf:)" + Spelling.suggest(kind, KINDS));
            }
            first = w.next("the first resource");
        } else if ((KINDS.contains(first.text()) || Score.isValid(first.text())) && w.peekSecond() != null) {
            throw Words.fail(first, "missing ':' after '" + first.text() + "' (write '" + first.text() + ": "
                    + w.peek().text() + " " + w.peekSecond().text() + "')");
        }
        Token then = w.next("the resource that follows '" + first.text() + "'");
        String[] a = qualified(first, "action");
        String[] b = qualified(then, "action");
        attrs.put("first", a[0]);
        attrs.put("then", b[0]);
        if (a[1] != null) {
            attrs.put("first-action", a[1]);
        }
        if (b[1] != null) {
            attrs.put("then-action", b[1]);
        }
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.isPair() && t.name().equals("symmetrical")) {
                if (!t.value().equals("true") && !t.value().equals("false")) {
                    throw Words.fail(t, "symmetrical must be true or false, not '" + t.value() + "'");
                }
                attrs.put("symmetrical", t.value());
            } else if (!t.isPair()) {
                throw Words.fail(t, "order '" + id.text() + "' names a third resource, '" + t.text()
                        + "': resource sets are not supported in this language; write the constraint as "
                        + "xml <rsc_order ...><resource_set ...>");
            } else {
                throw Words.fail(t, "unknown order option '" + t.name() + "' (expected symmetrical=true|false)");
            }
        }
        XmlElement e = Elements.element("rsc_order", attrs, Elements.comments(s));
        return new CrmObject(CrmObject.Kind.CONSTRAINT, id.text(), id, e, List.of(), List.of(first, then),
                "constraints", true);
    }

    /**
     * The score of {@code SCORE:} (or {@code SCORE :}) starting at {@code t}, as the CIB writes it
     * ({@code inf} becomes {@code INFINITY}); a score without its colon is an error.
     */
    static String score(Words w, Token t, String where) {
        String text;
        if (t.endsWithColon()) {
            text = t.beforeColon();
        } else if (w.peek() != null && w.peek().is(":")) {
            w.next("");
            text = t.text();
        } else if (Score.isValid(t.text())) {
            throw Words.fail(t, "missing ':' after the score '" + t.text() + "' (write '" + t.text() + ":'"
                    + (w.peek() != null ? " before '" + w.peek().text() + "'" : "") + ")");
        } else {
            throw Words.fail(t, "expected 'SCORE:' " + where + (where.isEmpty() ? "" : " ") + "(e.g. 100: or inf:), "
                    + "found '" + t.text() + "'");
        }
        if (!Score.isValid(text)) {
            throw Words.fail(t, "'" + text + "' is not a score (expected an integer, inf or -inf)");
        }
        return scoreText(text);
    }

    /** crmsh's {@code inf}, {@code +inf}, {@code -inf} as the CIB writes them; other scores as written. */
    static String scoreText(String text) {
        return switch (text) {
            case "inf" -> "INFINITY";
            case "+inf" -> "+INFINITY";
            case "-inf" -> "-INFINITY";
            default -> text;
        };
    }

    /** {@code RSC} or {@code RSC:QUALIFIER} (a role or an action), checked. */
    private static String[] qualified(Token t, String what) {
        if (t.isPair()) {
            throw Words.fail(t, "expected a resource id, found '" + t.text() + "'");
        }
        String text = t.text();
        int colon = text.indexOf(':');
        String rsc = colon < 0 ? text : text.substring(0, colon);
        String q = colon < 0 ? null : text.substring(colon + 1);
        Ids.check(new Token(rsc, t.line(), t.column(), false, -1), "resource id");
        if (q != null) {
            if (what.equals("role")) {
                role(t, q);
            } else if (!ACTIONS.contains(q)) {
                throw Words.fail(t, "unknown action '" + q + "' in '" + text + "'" + Spelling.suggest(q, ACTIONS)
                        + " (expected start, stop, promote or demote)");
            }
        }
        return new String[] {rsc, q};
    }

    static void role(Token t, String role) {
        try {
            Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw Words.fail(t, "unknown role '" + role + "'" + Spelling.suggest(role, ROLES)
                    + " (expected Started, Stopped, Promoted or Unpromoted)");
        }
        if (role.equalsIgnoreCase("unknown")) {
            throw Words.fail(t, "unknown role '" + role + "' (expected Started, Stopped, Promoted or Unpromoted)");
        }
    }
}
