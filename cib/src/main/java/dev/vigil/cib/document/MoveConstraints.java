package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The location constraints {@code crm_resource --move}, {@code --ban} and {@code --clear} manage,
 * in Pacemaker's exact form ({@code cli_resource_prefer}, {@code cli_resource_ban}):
 * {@code cli-prefer-RSC} (score {@code INFINITY} on the target node) and
 * {@code cli-ban-RSC-on-NODE} (score {@code -INFINITY}), both for role {@code Started}. With a
 * lifetime the node and score move into a rule together with a {@code date_expression}
 * {@code lt end}, so the constraint stops applying once {@code end} has passed. Stateless.
 */
public final class MoveConstraints {
    /** How the lifetime's end is written: a UTC date-time every Pacemaker version parses. */
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private MoveConstraints() {
    }

    public static String preferId(String rsc) {
        return "cli-prefer-" + rsc;
    }

    public static String banId(String rsc, String node) {
        return "cli-ban-" + rsc + "-on-" + node;
    }

    /** {@code crm_resource --move --resource RSC --node NODE [--lifetime]}: {@code until} may be null. */
    public static XmlElement prefer(String rsc, String node, Instant until) {
        String id = preferId(rsc);
        return constraint(id, rsc, node, "INFINITY", until, "cli-prefer-rule-" + rsc, "cli-prefer-expr-" + rsc,
                "cli-prefer-lifetime-end-" + rsc);
    }

    /** {@code crm_resource --ban --resource RSC --node NODE [--lifetime]}: {@code until} may be null. */
    public static XmlElement ban(String rsc, String node, Instant until) {
        String id = banId(rsc, node);
        return constraint(id, rsc, node, "-INFINITY", until, id + "-rule", id + "-expr", id + "-lifetime");
    }

    /** How a lifetime's end appears in the constraint (a UTC date-time). */
    public static String formatEnd(Instant until) {
        return END.format(until);
    }

    private static XmlElement constraint(String id, String rsc, String node, String score, Instant until,
            String ruleId, String exprId, String lifetimeId) {
        if (until == null) {
            return Trees.element("rsc_location", "id", id, "rsc", rsc, "role", "Started", "node", node,
                    "score", score);
        }
        XmlElement rule = Trees.element("rule", "id", ruleId, "score", score, "boolean-op", "and");
        rule = Trees.append(rule, Trees.element("expression", "id", exprId, "attribute", "#uname",
                "operation", "eq", "value", node, "type", "string"));
        rule = Trees.append(rule, Trees.element("date_expression", "id", lifetimeId, "operation", "lt",
                "end", formatEnd(until)));
        return Trees.append(Trees.element("rsc_location", "id", id, "rsc", rsc, "role", "Started"), rule);
    }

    /**
     * The ids of the constraints {@code crm_resource --clear} removes for {@code rsc}, in document
     * order: {@code cli-prefer-RSC} and every {@code cli-ban-RSC-on-*}; with a {@code node} only
     * {@code cli-ban-RSC-on-NODE} and a {@code cli-prefer-RSC} that names that node.
     *
     * @param cib the whole CIB (or its {@code <configuration>})
     */
    public static List<String> find(XmlElement cib, String rsc, String node) {
        XmlElement conf = cib.name().equals("configuration") ? cib : cib.element("configuration");
        XmlElement constraints = conf == null ? null : conf.element("constraints");
        List<String> out = new ArrayList<>();
        if (constraints == null) {
            return out;
        }
        for (XmlElement c : constraints.elements("rsc_location")) {
            if (isMoveConstraint(c, rsc, node)) {
                out.add(c.attr("id"));
            }
        }
        return out;
    }

    /** Removes what {@link #find} names; an unknown resource is refused unless constraints still name it. */
    static XmlElement clear(XmlElement conf, String rsc, String node) {
        List<String> ids = find(conf, rsc, node);
        if (ids.isEmpty()) {
            if (ConfigurationEditor.resource(conf, rsc).isEmpty()) {
                throw ConfigurationEditor.unknownResource(rsc);
            }
            return conf;
        }
        return Trees.upsert(conf, Trees.named("constraints"), null, cs -> Trees.removeAll(cs,
                e -> e.name().equals("rsc_location") && ids.contains(e.attr("id"))));
    }

    private static boolean isMoveConstraint(XmlElement c, String rsc, String node) {
        String id = c.attr("id", "");
        if (!rsc.equals(c.attr("rsc"))) {
            return false;
        }
        if (id.equals(preferId(rsc))) {
            return node == null || prefers(c, node);
        }
        return node == null ? id.startsWith("cli-ban-" + rsc + "-on-") : id.equals(banId(rsc, node));
    }

    /** Whether a {@code cli-prefer} constraint names {@code node}, as {@code node=} or in a {@code #uname} expression. */
    private static boolean prefers(XmlElement c, String node) {
        if (node.equals(c.attr("node"))) {
            return true;
        }
        for (XmlElement rule : c.elements("rule")) {
            for (XmlElement e : rule.elements("expression")) {
                if ("#uname".equals(e.attr("attribute")) && node.equals(e.attr("value"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
