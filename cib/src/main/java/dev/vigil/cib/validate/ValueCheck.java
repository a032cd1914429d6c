package dev.vigil.cib.validate;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.Score;
import java.util.Set;

/**
 * Reports malformed scores on constraints, resource sets and rules, and primitives of an unknown
 * resource class. The wording matches the CIB reader's, so that callers can merge both lists.
 */
final class ValueCheck {
    /** The resource classes a primitive may use. */
    static final Set<String> KNOWN_CLASSES = Set.of("ocf", "lsb", "service", "systemd", "stonith", "heartbeat",
            "upstart", "nagios");

    private static final Set<String> SCORED = Set.of("rsc_location", "rsc_colocation", "rsc_order", "resource_set");

    private ValueCheck() {
    }

    static void run(ValidationContext ctx) {
        ValidationContext.walk(ctx.configuration, e -> {
            if (e.attr("id-ref") != null) {
                return;
            }
            if (SCORED.contains(e.name())) {
                score(ctx, e, e.name() + " '" + e.attr("id") + "' has a malformed score: ");
            } else if (e.name().equals("rule")) {
                score(ctx, e, "rule '" + e.attr("id") + "' has a malformed score: ");
            } else if (e.name().equals("primitive")) {
                resourceClass(ctx, e);
            }
        });
    }

    private static void score(ValidationContext ctx, XmlElement e, String prefix) {
        String s = e.attr("score");
        if (s == null) {
            return;
        }
        try {
            Score.parse(s);
        } catch (IllegalArgumentException ex) {
            ctx.error(e, prefix + ex.getMessage());
        }
    }

    private static void resourceClass(ValidationContext ctx, XmlElement e) {
        String cls = e.attr("class");
        if (cls == null && e.attr("template") != null) {
            XmlElement template = ctx.byId.get(e.attr("template"));
            if (template != null && template.name().equals("template")) {
                cls = template.attr("class");
            }
        }
        if (cls != null && !KNOWN_CLASSES.contains(cls)) {
            ctx.error(e, "primitive '" + e.attr("id") + "' has unknown resource class '" + cls
                    + "' (expected one of ocf, lsb, service, systemd, stonith)");
        }
    }
}
