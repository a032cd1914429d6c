package dev.vigil.cib.read;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.FencingLevel;
import dev.vigil.core.model.NodeConfig;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed CIB document into Vigil's immutable {@link Cib} model, collecting every problem it
 * meets on the way instead of stopping at the first.
 */
public final class CibReader {
    private CibReader() {
    }

    /** The model and the problems met while reading it. */
    public record Result(Cib cib, List<ConfigProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    public static Result read(XmlElement root) {
        ReadContext ctx = new ReadContext(root);
        if (!root.name().equals("cib")) {
            ctx.error(root, "the document's root element is <" + root.name() + ">, expected <cib>");
        }
        XmlElement conf = root.element("configuration");
        if (conf == null) {
            ctx.error(root, "the CIB has no <configuration> section");
            conf = new XmlElement("configuration", Map.of(), List.of(), 0);
        }
        Map<String, String> props = new LinkedHashMap<>();
        XmlElement crmConfig = conf.element("crm_config");
        if (crmConfig != null) {
            Map<String, String> p = Attributes.read(ctx, crmConfig, "cluster_property_set");
            props.putAll(p);
        }
        Map<String, String> rscDefaults = Attributes.read(ctx, conf.element("rsc_defaults"), "meta_attributes");
        Map<String, String> opDefaults = Attributes.read(ctx, conf.element("op_defaults"), "meta_attributes");

        List<NodeConfig> nodes = new ArrayList<>();
        XmlElement nodesEl = conf.element("nodes");
        if (nodesEl != null) {
            for (XmlElement n : nodesEl.elements("node")) {
                nodes.add(new NodeConfig(n.attr("id"), n.attr("uname", n.attr("id")), n.attr("type", "member"),
                        Attributes.read(ctx, n, "instance_attributes"), Attributes.read(ctx, n, "utilization")));
            }
        }
        Map<String, List<String>> tags = tags(conf.element("tags"));
        List<Resource> resources = ResourceReader.read(ctx, conf.element("resources"));
        List<Constraint> constraints = ConstraintReader.read(ctx, conf.element("constraints"), tags);
        List<FencingLevel> levels = fencingLevels(conf.element("fencing-topology"));

        XmlElement status = root.element("status");
        List<NodeState> states = StatusReader.read(ctx, status);
        Map<String, Boolean> tickets = new LinkedHashMap<>();
        if (status != null && status.element("tickets") != null) {
            for (XmlElement t : status.element("tickets").elements("ticket_state")) {
                // a ticket in standby counts as not granted: its resources stop gracefully
                tickets.put(t.attr("id"), ResourceReader.isTrue(t.attr("granted"))
                        && !ResourceReader.isTrue(t.attr("standby")));
            }
        }
        CibVersion version = new CibVersion(num(root.attr("admin_epoch")), num(root.attr("epoch")),
                num(root.attr("num_updates")));
        String quorum = root.attr("have-quorum");
        boolean haveQuorum = quorum == null || ResourceReader.isTrue(quorum);
        Cib cib = new Cib(version, root.attr("validate-with"), root.attr("dc-uuid"), haveQuorum, props, rscDefaults,
                opDefaults, nodes, resources, constraints, levels, tickets, states,
                ResourceReader.isTrue(root.attr("no-quorum-panic")));
        return new Result(cib, ctx.problems);
    }

    private static Map<String, List<String>> tags(XmlElement tagsEl) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (tagsEl == null) {
            return out;
        }
        for (XmlElement t : tagsEl.elements("tag")) {
            List<String> ids = new ArrayList<>();
            for (XmlElement ref : t.elements("obj_ref")) {
                ids.add(ref.attr("id"));
            }
            out.put(t.attr("id"), ids);
        }
        return out;
    }

    private static List<FencingLevel> fencingLevels(XmlElement topo) {
        List<FencingLevel> out = new ArrayList<>();
        if (topo == null) {
            return out;
        }
        for (XmlElement l : topo.elements("fencing-level")) {
            String devices = l.attr("devices", "");
            out.add(new FencingLevel(l.attr("id"), l.attr("target"), l.attr("target-pattern"),
                    (int) num(l.attr("index")), Arrays.stream(devices.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList()));
        }
        return out;
    }

    private static long num(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
