package dev.vigil.cib.read;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.Rule;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code <rule>} elements and their expressions. */
final class RuleReader {
    private RuleReader() {
    }

    static Rule read(ReadContext ctx, XmlElement raw) {
        XmlElement e = ctx.resolve(raw);
        Score score = null;
        String s = e.attr("score");
        if (s != null) {
            try {
                score = Score.parse(s);
            } catch (IllegalArgumentException ex) {
                ctx.error(e, "rule '" + e.attr("id") + "' has a malformed score: " + ex.getMessage());
            }
        }
        Role role = null;
        try {
            role = Role.parse(e.attr("role"));
        } catch (IllegalArgumentException ex) {
            ctx.error(e, ex.getMessage());
        }
        boolean isOr = "or".equalsIgnoreCase(e.attr("boolean-op", "and"));
        List<Rule.Expression> exprs = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            XmlElement x = ctx.resolve(c);
            switch (x.name()) {
                case "expression" -> exprs.add(new Rule.AttributeExpression(x.attr("id"), x.attr("attribute"),
                        x.attr("operation"), x.attr("value"), x.attr("type"), x.attr("value-source")));
                case "date_expression" -> exprs.add(new Rule.DateExpression(x.attr("id"), x.attr("operation"),
                        x.attr("start"), x.attr("end"), attrs(x.element("date_spec")), attrs(x.element("duration"))));
                case "rule" -> exprs.add(new Rule.NestedRule(read(ctx, x)));
                default -> exprs.add(new Rule.UnsupportedExpression(x.attr("id"), x.name()));
            }
        }
        return new Rule(e.attr("id"), score, e.attr("score-attribute"), isOr, role, exprs);
    }

    private static Map<String, String> attrs(XmlElement e) {
        if (e == null) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>(e.attributes());
        m.remove("id");
        return m;
    }
}
