package dev.vigil.cib.read;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code <resources>}: primitives (with templates), groups, clones and legacy masters. */
final class ResourceReader {
    static final Set<String> KNOWN_CLASSES = Set.of("ocf", "lsb", "service", "systemd", "stonith", "heartbeat",
            "upstart", "nagios", "alert");

    private ResourceReader() {
    }

    static List<Resource> read(ReadContext ctx, XmlElement resources) {
        List<Resource> out = new ArrayList<>();
        if (resources == null) {
            return out;
        }
        for (XmlElement e : resources.elements()) {
            Resource r = readOne(ctx, e);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Resource readOne(ReadContext ctx, XmlElement e) {
        switch (e.name()) {
            case "primitive":
                return primitive(ctx, e);
            case "group": {
                List<Primitive> children = new ArrayList<>();
                for (XmlElement c : e.elements("primitive")) {
                    Primitive p = primitive(ctx, c);
                    if (p != null) {
                        children.add(p);
                    }
                }
                if (children.isEmpty()) {
                    ctx.warning(e, "group '" + e.attr("id") + "' has no primitives");
                }
                return new Group(e.attr("id"), Attributes.read(ctx, e, "meta_attributes"), children);
            }
            case "clone":
            case "master": {
                Resource child = null;
                for (XmlElement c : e.elements()) {
                    if (c.name().equals("primitive") || c.name().equals("group")) {
                        child = readOne(ctx, c);
                        break;
                    }
                }
                Map<String, String> meta = Attributes.read(ctx, e, "meta_attributes");
                if (child == null) {
                    ctx.error(e, e.name() + " '" + e.attr("id") + "' contains no primitive or group");
                    return null;
                }
                boolean promotable = e.name().equals("master") || isTrue(meta.get("promotable"));
                return new Clone(e.attr("id"), meta, child, promotable);
            }
            case "template":
            case "bundle":
                if (e.name().equals("bundle")) {
                    ctx.warning(e, "bundle '" + e.attr("id") + "' is not supported yet and is ignored");
                }
                return null;
            default:
                return null;
        }
    }

    static boolean isTrue(String v) {
        return dev.vigil.core.model.Booleans.isTrue(v);
    }

    private static Primitive primitive(ReadContext ctx, XmlElement e) {
        String id = e.attr("id");
        if (id == null) {
            ctx.error(e, "primitive without an id");
            return null;
        }
        XmlElement template = null;
        if (e.attr("template") != null) {
            template = ctx.byId.get(e.attr("template"));
            if (template == null || !template.name().equals("template")) {
                ctx.error(e, "primitive '" + id + "' refers to unknown template '" + e.attr("template") + "'");
                template = null;
            }
        }
        String cls = e.attr("class", template == null ? null : template.attr("class"));
        String provider = e.attr("provider", template == null ? null : template.attr("provider"));
        String type = e.attr("type", template == null ? null : template.attr("type"));
        if (cls == null || type == null) {
            ctx.error(e, "primitive '" + id + "' needs class and type");
            cls = cls == null ? "ocf" : cls;
            type = type == null ? "unknown" : type;
        } else if (!KNOWN_CLASSES.contains(cls)) {
            ctx.error(e, "primitive '" + id + "' has unknown resource class '" + cls
                    + "' (expected one of ocf, lsb, service, systemd, stonith)");
        }
        if ("ocf".equals(cls) && provider == null) {
            ctx.error(e, "primitive '" + id + "' is of class ocf but has no provider");
        }
        Map<String, String> meta = Attributes.read(ctx, e, "meta_attributes");
        Map<String, String> params = Attributes.read(ctx, e, "instance_attributes");
        Map<String, String> util = Attributes.read(ctx, e, "utilization");
        List<Operation> ops = new ArrayList<>(operations(ctx, e, id));
        if (template != null) {
            Attributes.read(ctx, template, "meta_attributes").forEach(meta::putIfAbsent);
            Attributes.read(ctx, template, "instance_attributes").forEach(params::putIfAbsent);
            Attributes.read(ctx, template, "utilization").forEach(util::putIfAbsent);
            for (Operation op : operations(ctx, template, id)) {
                boolean overridden = ops.stream().anyMatch(o -> o.name().equals(op.name())
                        && o.intervalMs() == op.intervalMs());
                if (!overridden) {
                    ops.add(op);
                }
            }
        }
        return new Primitive(id, cls, provider, type, meta, params, util, ops);
    }

    private static List<Operation> operations(ReadContext ctx, XmlElement e, String rscId) {
        List<Operation> out = new ArrayList<>();
        XmlElement ops = e.element("operations");
        if (ops == null) {
            return out;
        }
        ops = ctx.resolve(ops);
        for (XmlElement raw : ops.elements("op")) {
            XmlElement op = ctx.resolve(raw);
            long interval;
            try {
                interval = Durations.parseMillis(op.attr("interval", "0"));
            } catch (IllegalArgumentException ex) {
                ctx.error(op, "op '" + op.attr("id") + "' of '" + rscId + "' has a bad interval: " + ex.getMessage());
                interval = 0;
            }
            Role role = null;
            try {
                role = Role.parse(op.attr("role"));
            } catch (IllegalArgumentException ex) {
                ctx.error(op, ex.getMessage());
            }
            Map<String, String> attrs = new LinkedHashMap<>(op.attributes());
            Attributes.read(ctx, op, "meta_attributes").forEach(attrs::putIfAbsent);
            // Pacemaker sets a monitor's depth as <op><instance_attributes><nvpair name="OCF_CHECK_LEVEL">.
            Attributes.read(ctx, op, "instance_attributes").forEach(attrs::putIfAbsent);
            boolean enabled = !"false".equalsIgnoreCase(attrs.getOrDefault("enabled", "true"));
            out.add(new Operation(op.attr("id"), op.attr("name", "monitor"), interval, role, attrs.get("on-fail"),
                    enabled, attrs));
        }
        return out;
    }
}
