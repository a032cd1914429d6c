package dev.vigil.cib.haresources;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.crmsh.CrmSyntaxException;
import dev.vigil.cib.store.MinimalCib;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Heartbeat R1 {@code haresources} file into a complete CIB.
 *
 * <ul>
 *   <li>Each line becomes a group {@code group_N} (N counting lines from 1): its resources start in
 *       the order written and run on one node, as Heartbeat ran a resource group.</li>
 *   <li>The line's node gets a location preference of 100 for the group ({@code group_N-prefers-NODE}),
 *       the score {@code haresources2cib.py} used. With {@code auto_failback on} (Heartbeat's
 *       default) the group returns there when the node comes back: {@code resource-stickiness} 0.
 *       With {@code auto_failback off} it stays where it runs: {@code resource-stickiness}
 *       INFINITY, as the daemon seeds a new cluster from {@code ha.cf}.</li>
 *   <li>Resources map as {@link ResourceMapping} describes, ids in crmsh's style
 *       ({@code IPaddr_10_0_0_10-monitor-10s}).</li>
 *   <li>Heartbeat R1 had no fencing, and a cluster with fencing enabled and no fence device starts
 *       nothing; so the CIB sets {@code fencing-enabled=false}, says why in a comment, and the
 *       result carries a warning telling the administrator to add a fence device.</li>
 *   <li>With {@link Options#nodesOnline()} the status section shows every node online, so that
 *       {@code vigil simulate} shows where the groups would start; the daemon and
 *       {@code vigil cib replace} use only the configuration.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class HaresourcesImport {
    /** The location score for a group's node, as haresources2cib.py wrote it. */
    public static final String PREFERENCE = "100";

    private HaresourcesImport() {
    }

    /**
     * How to import.
     *
     * @param clusterName  the {@code cluster-name} property
     * @param nodes        more cluster nodes (such as {@code ha.cf}'s {@code node} lines), in order;
     *                     the nodes named in the file are added
     * @param autoFailback Heartbeat's {@code auto_failback}: true for {@code on} (and {@code legacy})
     * @param nodesOnline  whether the status section shows every node online
     * @param now          written as {@code cib-last-written}
     */
    public record Options(String clusterName, List<String> nodes, boolean autoFailback, boolean nodesOnline,
                          Instant now) {
        public Options {
            nodes = List.copyOf(nodes);
        }

        /** Cluster {@code vigil}, no extra nodes, {@code auto_failback on}, nodes online, now. */
        public static Options defaults() {
            return new Options("vigil", List.of(), true, true, Instant.now());
        }
    }

    /**
     * The imported CIB, the crm shell text of its configuration, the resource groups read and
     * the warnings to show ({@code file:LINE: …}, or general).
     */
    public record Result(XmlElement cib, String crmText, List<ResourceLine> groups, List<String> warnings) {
        public Result {
            groups = List.copyOf(groups);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Imports {@code text}.
     *
     * @param source the file name, for messages
     * @throws HaresourcesException listing every problem found
     */
    public static Result convert(String text, String source, Options options) throws HaresourcesException {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ResourceLine> lines = HaresourcesParser.parse(text, source, problems, warnings);
        Ids ids = new Ids();
        Set<String> nodes = new LinkedHashSet<>(options.nodes());
        List<String> statements = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            ResourceLine line = lines.get(n);
            String where = source + ":" + line.line();
            nodes.add(line.node());
            String group = ids.next("group_" + (n + 1));
            List<String> groupWords = new ArrayList<>(List.of("group", group));
            for (String spec : line.resources()) {
                Integer first = seen.putIfAbsent(spec, line.line());
                if (first != null) {
                    warnings.add(where + ": '" + spec + "' is also in the group on line " + first
                            + "; both copies are imported");
                }
                ResourceMapping.Mapped m = ResourceMapping.map(spec, ids, where, problems, warnings);
                if (m == null) {
                    continue;
                }
                m.statements().forEach(s -> statements.add(CrmConfiguration.statement(s)));
                if (m.promotable() == null) {
                    groupWords.add(m.id());
                } else {
                    constraints.add(CrmConfiguration.statement(List.of("colocation", group + "-with-" + m.promotable(),
                            "inf:", group, m.promotable() + ":Promoted")));
                    constraints.add(CrmConfiguration.statement(List.of("order", m.promotable() + "-before-" + group,
                            "Mandatory:", m.promotable() + ":promote", group + ":start")));
                }
            }
            if (groupWords.size() > 2) {
                statements.add(CrmConfiguration.statement(groupWords));
                locations.add(CrmConfiguration.statement(List.of("location", ids.next(group + "-prefers-"
                        + line.node()), group, PREFERENCE + ":", line.node())));
            } else {
                warnings.add(where + ": the group of node '" + line.node() + "' has no resource to group");
            }
        }
        if (!problems.isEmpty()) {
            throw new HaresourcesException(problems);
        }
        locations.addAll(constraints);
        String text2 = crmText(nodes, statements, locations, options);
        XmlElement cib;
        try {
            cib = CrmConfiguration.replace(MinimalCib.create(options.clusterName(), null, options.now()), text2,
                    source + " (converted)");
        } catch (CrmSyntaxException e) {
            throw new IllegalStateException("the converted configuration does not parse: " + e.getMessage(), e);
        }
        if (options.nodesOnline()) {
            cib = withOnlineNodes(cib, nodes);
        }
        warnings.add("fencing is disabled (fencing-enabled=false), as Heartbeat R1 ran without it: add a fence device "
                + "(a stonith primitive) and set fencing-enabled=true, or a node that stops responding is assumed down "
                + "and its resources may run twice");
        return new Result(cib, text2, lines, warnings);
    }

    private static String crmText(Set<String> nodes, List<String> resources, List<String> constraints,
            Options options) {
        StringBuilder sb = new StringBuilder();
        for (String node : nodes) {
            sb.append("node ").append(node).append('\n');
        }
        resources.forEach(s -> sb.append(s).append('\n'));
        constraints.forEach(s -> sb.append(s).append('\n'));
        sb.append("# Heartbeat R1 ran without fencing; a cluster with fencing enabled and no fence device starts\n")
                .append("# nothing. Add a fence device (a stonith primitive), then set fencing-enabled=true.\n");
        sb.append(CrmConfiguration.statement(List.of("property", "cib-bootstrap-options:",
                "cluster-name=" + options.clusterName(), "fencing-enabled=false"))).append('\n');
        sb.append("# auto_failback ").append(options.autoFailback() ? "on: groups return to their node"
                : "off: groups stay where they run").append('\n');
        sb.append("rsc_defaults rsc-options: resource-stickiness=").append(options.autoFailback() ? "0" : "INFINITY")
                .append('\n');
        return sb.toString();
    }

    /** {@code cib} with a {@code node_state} per node saying it is an online member. */
    private static XmlElement withOnlineNodes(XmlElement cib, Set<String> nodes) {
        List<XmlNode> states = new ArrayList<>();
        for (String node : nodes) {
            Map<String, String> a = new java.util.LinkedHashMap<>();
            a.put("id", node);
            a.put("uname", node);
            a.put("in_ccm", "true");
            a.put("crmd", "online");
            a.put("join", "member");
            a.put("expected", "member");
            states.add(new XmlElement("node_state", a, List.of(), 0));
        }
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode c : cib.children()) {
            children.add(c instanceof XmlElement e && e.name().equals("status") ? e.withChildren(states) : c);
        }
        return cib.withChildren(children);
    }
}
