package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Puts the sections of an assembled configuration together. Stateless. */
final class Sections {
    private Sections() {
    }

    /**
     * The {@code <configuration>}: the sections in the old order (then Pacemaker's), the four
     * required ones always present, sections the old configuration had kept even when empty,
     * and when merging, the sections no statement touched exactly as they were.
     */
    static XmlElement build(XmlElement old, boolean merge, Set<String> touched,
            Map<String, Map<String, XmlNode>> sections, ResourcePool pool) {
        List<String> order = new ArrayList<>();
        Map<String, XmlElement> existing = new HashMap<>();
        if (old != null) {
            for (XmlElement s : old.elements()) {
                order.add(s.name());
                existing.put(s.name(), s);
            }
        }
        for (String s : RawXml.SECTIONS) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        for (String s : sections.keySet()) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        List<XmlNode> out = new ArrayList<>();
        for (String name : order) {
            XmlElement before = existing.get(name);
            XmlElement shell = before != null ? before.withChildren(List.of()) : Elements.element(name);
            boolean required = List.of("crm_config", "nodes", "resources", "constraints").contains(name);
            if (merge && before != null && !touched.contains(name)) {
                out.add(before);
            } else if (name.equals("resources")) {
                out.add(pool.assemble(shell));
            } else if (sections.containsKey(name) && !sections.get(name).isEmpty()) {
                out.add(shell.withChildren(new ArrayList<>(sections.get(name).values())));
            } else if (required || before != null) {
                out.add(shell);
            }
        }
        return old != null ? old.withChildren(out) : Elements.element("configuration", Map.of(), out);
    }
}
