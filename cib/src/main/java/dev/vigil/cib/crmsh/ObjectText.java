package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statement of one element, as the parts of its continued line ({@code primitive ip
 * ocf:heartbeat:IPaddr2}, {@code params ip=10.0.0.10}, {@code op monitor interval=10s}), or null
 * when the language cannot say it exactly (see {@link Checks}). Stateless.
 */
final class ObjectText {
    private ObjectText() {
    }

    static List<String> node(XmlElement e) {
        String id = e.attr("id");
        String uname = e.attr("uname");
        String type = e.attr("type");
        if (!e.name().equals("node") || !Checks.attributesWithin(e, Set.of("id", "uname", "type", "description"))
                || id == null || uname == null
                || !TextFormat.isName(uname) || !TextFormat.isName(id) || (type != null && !TextFormat.isName(type))
                || !Checks.childrenWithin(e, Set.of("instance_attributes", "utilization"), false)
                || !Checks.isBlock(e.element("instance_attributes")) || !Checks.isBlock(e.element("utilization"))
                || !writable(e.attr("description")) || (type != null && !List.of("member", "ping", "remote", "normal")
                .contains(type))) {
            return null;
        }
        StringBuilder head = new StringBuilder("node ");
        if (!id.equals(uname)) {
            head.append(id).append(": ");
        }
        head.append(uname).append(type == null ? "" : ":" + type);
        description(head, e);
        List<String> parts = new ArrayList<>(List.of(head.toString()));
        block(parts, "attributes", e.element("instance_attributes"));
        block(parts, "utilization", e.element("utilization"));
        return parts;
    }

    static List<String> primitive(XmlElement e) {
        String cls = e.attr("class");
        String provider = e.attr("provider");
        String type = e.attr("type");
        String template = e.attr("template");
        boolean agentOk = template != null ? cls == null && provider == null && type == null && Checks.isId(template)
                : cls != null && type != null && ResourceStatements.CLASSES.contains(cls)
                        && (cls.equals("ocf") == (provider != null)) && TextFormat.isName(type)
                        && (provider == null || TextFormat.isName(provider));
        XmlElement ops = e.element("operations");
        if (!agentOk || !Checks.isId(e.attr("id"))
                || !Checks.attributesWithin(e, Set.of("id", "class", "provider", "type", "template", "description"))
                || !Checks.childrenWithin(e, Set.of("instance_attributes", "meta_attributes", "utilization",
                "operations"), false) || !writable(e.attr("description"))
                || !Checks.isBlock(e.element("instance_attributes")) || !Checks.isBlock(e.element("meta_attributes"))
                || !Checks.isBlock(e.element("utilization")) || (ops != null && !plainOperations(ops))) {
            return null;
        }
        StringBuilder head = new StringBuilder("primitive ").append(e.attr("id")).append(' ');
        head.append(template != null ? "@" + template : cls + ":" + (provider == null ? "" : provider + ":") + type);
        description(head, e);
        List<String> parts = new ArrayList<>(List.of(head.toString()));
        block(parts, "params", e.element("instance_attributes"));
        block(parts, "meta", e.element("meta_attributes"));
        block(parts, "utilization", e.element("utilization"));
        if (ops != null) {
            if (ops.attr("id") != null) {
                parts.add("operations $id=" + ops.attr("id"));
            }
            for (XmlElement op : ops.elements()) {
                StringBuilder sb = new StringBuilder("op ").append(op.attr("name"));
                for (Map.Entry<String, String> a : op.attributes().entrySet()) {
                    if (!a.getKey().equals("id") && !a.getKey().equals("name")) {
                        sb.append(' ').append(TextFormat.pair(a.getKey(), a.getValue()));
                    }
                }
                parts.add(sb.toString());
            }
        }
        return parts;
    }

    private static boolean plainOperations(XmlElement ops) {
        return Checks.attributesWithin(ops, Set.of("id")) && (ops.attr("id") == null || Checks.isId(ops.attr("id")))
                && (ops.attr("id") != null || !ops.elements().isEmpty())
                && ops.children().stream().allMatch(n -> n instanceof XmlElement op && Checks.isPlainOp(op));
    }

    /** A group or clone whose members the caller writes first; {@code ms} for a legacy {@code <master>}. */
    static List<String> container(XmlElement e) {
        List<XmlElement> members = e.elements().stream()
                .filter(c -> ResourcePool.RESOURCE_TAGS.contains(c.name())).toList();
        boolean group = e.name().equals("group");
        boolean membersOk = group ? !members.isEmpty() && members.stream().allMatch(m -> m.name().equals("primitive"))
                : members.size() == 1 && (members.get(0).name().equals("primitive")
                        || members.get(0).name().equals("group"));
        if (!membersOk || !Checks.isId(e.attr("id")) || !members.stream().allMatch(m -> Checks.isId(m.attr("id")))
                || !Checks.attributesWithin(e, Set.of("id", "description")) || !writable(e.attr("description"))
                || !Checks.childrenWithin(e, Set.of("instance_attributes", "meta_attributes"), true)
                || !Checks.isBlock(e.element("instance_attributes")) || !Checks.isBlock(e.element("meta_attributes"))
                || !promotableOnce(e)) {
            return null;
        }
        String keyword = switch (e.name()) {
            case "master" -> "ms";
            case "group" -> "group";
            default -> "clone";
        };
        StringBuilder head = new StringBuilder(keyword).append(' ').append(e.attr("id"));
        members.forEach(m -> head.append(' ').append(m.attr("id")));
        description(head, e);
        List<String> parts = new ArrayList<>(List.of(head.toString()));
        block(parts, "params", e.element("instance_attributes"));
        block(parts, "meta", e.element("meta_attributes"));
        return parts;
    }

    /** A legacy master that already says promotable would get the pair twice: write it as xml. */
    private static boolean promotableOnce(XmlElement e) {
        return !e.name().equals("master") || e.element("meta_attributes") == null
                || Checks.pairs(e.element("meta_attributes")).stream().noneMatch(p -> "promotable".equals(p.attr("name")));
    }

    /** {@code property ID: NAME=VALUE…} and the same for {@code rsc_defaults} and {@code op_defaults}. */
    static List<String> nvset(String keyword, XmlElement set) {
        if (!Checks.isId(set.attr("id")) || !Checks.isPlainSet(set, true) || Checks.pairs(set).isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(keyword + " " + set.attr("id") + ":"));
        for (XmlElement p : Checks.pairs(set)) {
            parts.add(TextFormat.pair(p.attr("name"), p.attr("value")));
        }
        return parts;
    }

    private static void block(List<String> parts, String keyword, XmlElement set) {
        if (set == null || Checks.pairs(set).isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(keyword);
        for (XmlElement p : Checks.pairs(set)) {
            sb.append(' ').append(TextFormat.pair(p.attr("name"), p.attr("value")));
        }
        parts.add(sb.toString());
    }

    private static void description(StringBuilder head, XmlElement e) {
        if (e.attr("description") != null) {
            head.append(' ').append(TextFormat.pair("description", e.attr("description")));
        }
    }

    private static boolean writable(String v) {
        return v == null || TextFormat.isWritable(v);
    }
}
