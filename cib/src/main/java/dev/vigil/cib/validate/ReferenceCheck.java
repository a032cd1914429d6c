package dev.vigil.cib.validate;

import dev.vigil.cib.xml.XmlElement;
import java.util.List;

/**
 * Reports constraints naming resources that are not defined (errors) and location constraints naming
 * nodes that are not in {@code <nodes>} (warnings: Pacemaker accepts them, but they are often typos).
 */
final class ReferenceCheck {
    private static final List<String> LOCATION_ATTRS = List.of("rsc");
    private static final List<String> COLOCATION_ATTRS = List.of("rsc", "with-rsc", "from", "to");
    private static final List<String> ORDER_ATTRS = List.of("first", "then", "from", "to");
    private static final List<String> TICKET_ATTRS = List.of("rsc");

    private ReferenceCheck() {
    }

    static void run(ValidationContext ctx) {
        for (XmlElement raw : ctx.constraints()) {
            if (raw.attr("id-ref") != null) {
                continue;
            }
            List<String> attrs = switch (raw.name()) {
                case "rsc_location" -> LOCATION_ATTRS;
                case "rsc_colocation" -> COLOCATION_ATTRS;
                case "rsc_order" -> ORDER_ATTRS;
                case "rsc_ticket" -> TICKET_ATTRS;
                default -> null;
            };
            if (attrs == null) {
                continue;
            }
            for (String a : attrs) {
                String id = raw.attr(a);
                if (id != null && !ctx.isResourceOrTag(id)) {
                    unknownResource(ctx, raw, raw.line(), id);
                }
            }
            for (XmlElement set : raw.elements("resource_set")) {
                for (XmlElement ref : set.elements("resource_ref")) {
                    String id = ref.attr("id");
                    if (id != null && !ctx.isResourceOrTag(id)) {
                        unknownResource(ctx, raw, ref.line(), id);
                    }
                }
            }
            String node = raw.attr("node");
            if (raw.name().equals("rsc_location") && node != null && !ctx.nodeNames.contains(node)) {
                ctx.warning(raw, "rsc_location '" + raw.attr("id") + "' refers to unknown node '" + node + "'");
            }
        }
    }

    private static void unknownResource(ValidationContext ctx, XmlElement constraint, int line, String id) {
        ctx.error(constraint, line, constraint.name() + " '" + constraint.attr("id") + "' refers to unknown resource '"
                + id + "'");
    }
}
