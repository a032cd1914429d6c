package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code <configuration>} as crm shell statements, in the order {@code crm configure show}
 * uses: nodes, resources (members before their group or clone, otherwise document order),
 * constraints, fencing topology, properties, resource and operation defaults, then the rest. What
 * the language cannot say exactly is written as an {@code xml} statement, so parsing the text
 * gives the configuration back. Stateless.
 */
final class CrmRenderer {
    /** One statement and the id of the object it defines (null for a section such as the fencing topology). */
    record Rendered(String id, String text) {
    }

    private static final Map<String, String> NVSET_KEYWORDS = Map.of("crm_config", "property",
            "rsc_defaults", "rsc_defaults", "op_defaults", "op_defaults");

    private CrmRenderer() {
    }

    static List<Rendered> render(XmlElement configuration) {
        List<Rendered> out = new ArrayList<>();
        section(configuration, "nodes").forEach(n -> out.add(of(n, ObjectText.node(n))));
        section(configuration, "resources").forEach(r -> resource(r, out));
        section(configuration, "constraints").forEach(c -> out.add(of(c, switch (c.name()) {
            case "rsc_location" -> ConstraintText.location(c);
            case "rsc_colocation" -> ConstraintText.colocation(c);
            case "rsc_order" -> ConstraintText.order(c);
            default -> null;
        })));
        XmlElement fencing = configuration.element("fencing-topology");
        if (fencing != null && !fencing.elements().isEmpty()) {
            List<String> parts = ConstraintText.fencing(fencing);
            if (parts != null) {
                out.add(new Rendered(null, TextFormat.statement(fencing, parts)));
            } else {
                fencing.elements().forEach(l -> out.add(new Rendered(l.attr("id"), TextFormat.xml(l))));
            }
        }
        for (String name : List.of("crm_config", "rsc_defaults", "op_defaults")) {
            for (XmlElement set : section(configuration, name)) {
                boolean plainTag = set.name().equals(name.equals("crm_config") ? "cluster_property_set"
                        : "meta_attributes");
                List<String> parts = plainTag ? ObjectText.nvset(NVSET_KEYWORDS.get(name), set) : null;
                out.add(parts != null ? new Rendered(set.attr("id"), TextFormat.statement(set, parts))
                        : new Rendered(set.attr("id"), wrapped(name, set)));
            }
        }
        for (XmlElement s : configuration.elements()) {
            if (!List.of("nodes", "resources", "constraints", "fencing-topology", "crm_config", "rsc_defaults",
                    "op_defaults").contains(s.name())) {
                s.elements().forEach(e -> out.add(new Rendered(e.attr("id"), wrapped(s.name(), e))));
            }
        }
        return out;
    }

    private static List<XmlElement> section(XmlElement configuration, String name) {
        XmlElement s = configuration.element(name);
        return s == null ? List.of() : s.elements();
    }

    /** A resource in post-order: a group's primitives (or a clone's child) first, then the container. */
    private static void resource(XmlElement r, List<Rendered> out) {
        switch (r.name()) {
            case "primitive" -> out.add(of(r, ObjectText.primitive(r)));
            case "group", "clone", "master" -> {
                List<String> parts = ObjectText.container(r);
                if (parts == null) {
                    out.add(new Rendered(r.attr("id"), TextFormat.xml(r)));
                    return;
                }
                for (XmlElement c : r.elements()) {
                    if (ResourcePool.RESOURCE_TAGS.contains(c.name())) {
                        resource(c, out);
                    }
                }
                out.add(new Rendered(r.attr("id"), TextFormat.statement(r, parts)));
            }
            default -> out.add(new Rendered(r.attr("id"), TextFormat.xml(r)));
        }
    }

    private static Rendered of(XmlElement e, List<String> parts) {
        return new Rendered(e.attr("id"), parts != null ? TextFormat.statement(e, parts) : TextFormat.xml(e));
    }

    /** An element that needs its section around it to say where it belongs ({@code <rsc_defaults>…}). */
    private static String wrapped(String section, XmlElement e) {
        String tagSection = RawXml.SECTION_OF.get(e.name());
        if (section.equals(tagSection)) {
            return TextFormat.xml(e);
        }
        return TextFormat.xml(new XmlElement(section, Map.of(), List.of(e), 0));
    }
}
