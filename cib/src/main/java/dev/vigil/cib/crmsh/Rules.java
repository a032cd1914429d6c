package dev.vigil.cib.crmsh;

import dev.vigil.cib.Spelling;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Location rules: {@code rule [$role=ROLE] [SCORE:|SCORE_ATTRIBUTE:] EXPRESSION [and|or EXPRESSION]…}
 * where an expression is {@code ATTRIBUTE [TYPE:]OP VALUE} ({@code OP}: lt, gt, lte, gte, eq, ne;
 * {@code TYPE}: string, integer, number, version) or {@code defined|not_defined ATTRIBUTE}.
 * Stateless.
 */
final class Rules {
    static final List<String> BINARY = List.of("eq", "ne", "lt", "gt", "lte", "gte");
    static final List<String> UNARY = List.of("defined", "not_defined");
    static final List<String> TYPES = List.of("string", "integer", "number", "version");

    private Rules() {
    }

    /** One rule, the keyword {@code rule} already read; its id is {@code base} made unique in {@code taken}. */
    static XmlElement rule(Words w, String base, Set<String> taken) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String id = Ids.free(base, taken);
        attrs.put("id", id);
        Token t = w.peek();
        if (t != null && t.isPair() && (t.name().equals("$role") || t.name().equals("role"))) {
            w.next("");
            ConstraintStatements.role(t, t.value());
            attrs.put("role", t.value());
            t = w.peek();
        }
        if (t != null && t.endsWithColon()) {
            w.next("");
            String score = t.beforeColon();
            if (Score.isValid(score)) {
                attrs.put("score", ConstraintStatements.scoreText(score));
            } else if (Ids.isValid(score) || score.startsWith("#")) {
                attrs.put("score-attribute", score);
            } else {
                throw Words.fail(t, "'" + score + "' is neither a score nor a node attribute name");
            }
        } else if (t != null && Score.isValid(t.text()) && w.peekSecond() != null
                && !isOperator(w.peekSecond().text())) {
            throw Words.fail(t, "missing ':' after the rule score '" + t.text() + "' (write 'rule " + t.text()
                    + ": " + w.peekSecond().text() + " ...')");
        }
        List<XmlNode> expressions = new ArrayList<>();
        String booleanOp = null;
        while (true) {
            expressions.add(expression(w, id + "-expression", taken));
            Token joiner = w.peek();
            if (joiner == null || !(joiner.is("and") || joiner.is("or"))) {
                break;
            }
            w.next("");
            if (booleanOp != null && !booleanOp.equals(joiner.text())) {
                throw Words.fail(joiner, "one rule cannot mix 'and' and 'or'; split it into several rules or write "
                        + "it as xml with nested rules");
            }
            booleanOp = joiner.text();
        }
        if (booleanOp != null) {
            attrs.put("boolean-op", booleanOp);
        }
        return Elements.element("rule", attrs, expressions);
    }

    private static XmlElement expression(Words w, String base, Set<String> taken) {
        Token first = w.next("an expression (e.g. #uname eq node1, defined pingd)");
        if (first.isPair()) {
            throw Words.fail(first, "expected an expression (e.g. #uname eq node1), found '" + first.text() + "'");
        }
        if (UNARY.contains(first.text()) && !first.quoted()) {
            Token attribute = w.next("the attribute after '" + first.text() + "'");
            return Elements.element("expression", "id", Ids.free(base, taken), "attribute", attribute.text(),
                    "operation", first.text());
        }
        if (first.is("date")) {
            throw Words.fail(first, "date expressions are not supported in this language; write the constraint as "
                    + "xml <rsc_location ...><rule ...><date_expression .../></rule></rsc_location>");
        }
        Token op = w.next("an operator after '" + first.text() + "' (lt, gt, lte, gte, eq, ne)");
        String opText = op.text();
        String type = null;
        int colon = opText.indexOf(':');
        if (colon > 0) {
            type = opText.substring(0, colon);
            opText = opText.substring(colon + 1);
            if (!TYPES.contains(type)) {
                throw Words.fail(op, "unknown value type '" + type + "'" + Spelling.suggest(type, TYPES)
                        + " (expected string, integer, number or version)");
            }
        }
        if (op.quoted() || !BINARY.contains(opText)) {
            throw Words.fail(op, "unknown operator '" + op.text() + "'" + Spelling.suggest(opText, BINARY)
                    + " (expected lt, gt, lte, gte, eq or ne; or 'defined ATTRIBUTE')");
        }
        Token value = w.next("a value after '" + op.text() + "'");
        return Elements.element("expression", "id", Ids.free(base, taken), "attribute", first.text(),
                "operation", opText, "value", value.text(), "type", type);
    }

    private static boolean isOperator(String text) {
        int colon = text.indexOf(':');
        String op = colon > 0 ? text.substring(colon + 1) : text;
        return BINARY.contains(op);
    }
}
