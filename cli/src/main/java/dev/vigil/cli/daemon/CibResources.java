package dev.vigil.cli.daemon;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.core.scheduler.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Questions the administration operations ask of a CIB: does a resource or node exist, where does
 * a resource run, which resources run on a node, what else keeps a resource stopped. Stateless.
 */
final class CibResources {
    private static final Set<String> RESOURCE_TAGS = Set.of("primitive", "group", "clone", "master", "bundle");

    private CibResources() {
    }

    /** @throws ControlException NOT_FOUND when no primitive, group, clone, master or bundle has this id */
    static void require(XmlElement cib, String rsc) throws ControlException {
        if (path(resources(cib), rsc).isEmpty()) {
            throw new ControlException(ControlException.NOT_FOUND, "no resource '" + rsc + "' in the configuration");
        }
    }

    /** @throws ControlException NOT_FOUND when the node is neither in {@code <nodes>} nor in the status */
    static void requireNode(XmlElement cib, String node) throws ControlException {
        Set<String> known = new TreeSet<>();
        XmlElement conf = cib.element("configuration");
        XmlElement nodes = conf == null ? null : conf.element("nodes");
        List<XmlElement> entries = new ArrayList<>(nodes == null ? List.of() : nodes.elements("node"));
        XmlElement status = cib.element("status");
        entries.addAll(status == null ? List.of() : status.elements("node_state"));
        for (XmlElement e : entries) {
            if (node.equals(e.attr("uname")) || node.equals(e.attr("id"))) {
                return;
            }
            known.add(e.attr("uname", e.attr("id", "?")));
        }
        throw new ControlException(ControlException.NOT_FOUND, "no node '" + node + "' in the cluster (known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    /** The nodes where {@code rsc} (or anything inside it, clone instances {@code RSC:N} included) is active, sorted. */
    static List<String> runningOn(ClusterView view, String rsc) {
        Set<String> out = new TreeSet<>();
        for (ClusterView.ResourceEntry e : view.resources()) {
            collect(e, rsc, false, out);
        }
        return List.copyOf(out);
    }

    private static void collect(ClusterView.ResourceEntry e, String rsc, boolean inside, Set<String> out) {
        boolean match = inside || e.id().equals(rsc) || e.id().startsWith(rsc + ":");
        if (match) {
            e.placements().forEach(p -> out.add(p.node()));
        }
        for (ClusterView.ResourceEntry c : e.children()) {
            collect(c, rsc, match, out);
        }
    }

    /** The top-level resources active (in whole or in part) on {@code node}, in configuration order. */
    static List<String> resourcesOn(ClusterView view, String node) {
        List<String> out = new ArrayList<>();
        for (ClusterView.ResourceEntry e : view.resources()) {
            Set<String> nodes = new TreeSet<>();
            collect(e, e.id(), true, nodes);
            if (nodes.contains(node)) {
                out.add(e.id());
            }
        }
        return out;
    }

    /**
     * What still keeps {@code rsc} stopped after its own {@code target-role=Started}: a resource
     * containing it or inside it with its own {@code target-role=Stopped}.
     */
    static List<String> stoppedElsewhere(XmlElement cib, String rsc) {
        List<XmlElement> path = path(resources(cib), rsc);
        List<String> out = new ArrayList<>();
        for (XmlElement ancestor : path.subList(0, Math.max(0, path.size() - 1))) {
            if (isStopped(ancestor)) {
                out.add(ancestor.attr("id") + " (which contains " + rsc + ") has target-role=Stopped, which "
                        + "keeps " + rsc + " stopped; run `vigil resource start " + ancestor.attr("id") + "`.");
            }
        }
        if (!path.isEmpty()) {
            stoppedInside(path.get(path.size() - 1), rsc, out);
        }
        return out;
    }

    private static void stoppedInside(XmlElement parent, String rsc, List<String> out) {
        for (XmlElement e : parent.elements()) {
            if (RESOURCE_TAGS.contains(e.name())) {
                if (isStopped(e)) {
                    out.add(e.attr("id") + " (inside " + rsc + ") has its own target-role=Stopped, which still "
                            + "applies; run `vigil resource start " + e.attr("id") + "`.");
                }
                stoppedInside(e, rsc, out);
            }
        }
    }

    private static boolean isStopped(XmlElement resource) {
        for (XmlElement block : resource.elements("meta_attributes")) {
            XmlElement legacy = block.element("attributes");
            for (XmlElement pair : (legacy != null ? legacy : block).elements("nvpair")) {
                if ("target-role".equals(pair.attr("name")) && "stopped".equalsIgnoreCase(pair.attr("value"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static XmlElement resources(XmlElement cib) {
        XmlElement conf = cib.element("configuration");
        return conf == null ? null : conf.element("resources");
    }

    /** The resources from the top level down to the one with this id; empty when there is none. */
    private static List<XmlElement> path(XmlElement parent, String rsc) {
        if (parent == null) {
            return List.of();
        }
        for (XmlElement e : parent.elements()) {
            if (!RESOURCE_TAGS.contains(e.name())) {
                continue;
            }
            if (rsc.equals(e.attr("id"))) {
                return List.of(e);
            }
            List<XmlElement> inner = path(e, rsc);
            if (!inner.isEmpty()) {
                List<XmlElement> out = new ArrayList<>();
                out.add(e);
                out.addAll(inner);
                return out;
            }
        }
        return List.of();
    }
}
