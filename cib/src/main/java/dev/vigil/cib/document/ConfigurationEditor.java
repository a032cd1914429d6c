package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration edits administration tools make: a resource's meta attribute
 * ({@code crm_resource --meta}), a permanent node attribute ({@code crm_attribute},
 * {@code crm_standby}) and one location constraint ({@code crm_resource --move/--ban}).
 * Stateless; each method returns a new {@code <configuration>} or throws
 * {@link IllegalArgumentException} naming what is wrong.
 */
final class ConfigurationEditor {
    static final Set<String> RESOURCE_TAGS = Set.of("primitive", "group", "clone", "master", "bundle");

    private ConfigurationEditor() {
    }

    static XmlElement resourceMeta(XmlElement conf, String rsc, String name, String value) {
        XmlElement resource = resource(conf, rsc).orElseThrow(() -> unknownResource(rsc));
        XmlElement edited = AttributeSets.set(resource, "meta_attributes", name, value, rsc + "-meta_attributes",
                rsc + "-meta_attributes-" + name, Trees.ids(conf));
        return Trees.replaceById(conf, edited).orElseThrow();
    }

    /**
     * Sets a permanent attribute of {@code node}; a node missing from {@code <nodes>} but present
     * in {@code status} gets its {@code <node>} entry.
     */
    static XmlElement nodeAttribute(XmlElement conf, XmlElement status, String node, String name, String value) {
        XmlElement nodes = conf.element("nodes");
        XmlElement entry = nodes == null ? null : findNode(nodes.elements("node"), node);
        XmlElement newNodes = nodes == null ? Trees.element("nodes") : nodes;
        if (entry == null) {
            XmlElement state = status == null ? null : findNode(status.elements("node_state"), node);
            if (state == null) {
                throw new IllegalArgumentException("no node '" + node + "' in the cluster: it is neither in "
                        + "<nodes> nor in the status section (check the name with 'vigil status')");
            }
            entry = Trees.element("node", "id", state.attr("id", node), "uname", state.attr("uname", node));
            newNodes = Trees.append(newNodes, entry);
        }
        String nodeId = entry.attr("id", node);
        XmlElement before = entry;
        XmlElement edited = AttributeSets.set(entry, "instance_attributes", name, value, "nodes-" + nodeId,
                "nodes-" + nodeId + "-" + name, Trees.ids(conf));
        XmlElement finalNodes = Trees.upsert(newNodes, e -> e == before, null, e -> edited);
        return Trees.upsert(conf, Trees.named("nodes"), finalNodes, e -> finalNodes);
    }

    /** Adds {@code location} to the constraints, or replaces the {@code rsc_location} with its id. */
    static XmlElement location(XmlElement conf, XmlElement location) {
        if (!location.name().equals("rsc_location")) {
            throw new IllegalArgumentException("expected an <rsc_location>, got <" + location.name() + ">");
        }
        String id = location.attr("id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the <rsc_location> has no id");
        }
        String rsc = location.attr("rsc");
        if (rsc != null && resource(conf, rsc).isEmpty()) {
            throw unknownResource(rsc);
        }
        return Trees.upsert(conf, Trees.named("constraints"), Trees.element("constraints"),
                cs -> Trees.upsert(cs, Trees.withId("rsc_location", id), location, e -> location));
    }

    /** The primitive, group, clone, master or bundle with this id anywhere in {@code <resources>}. */
    static Optional<XmlElement> resource(XmlElement conf, String id) {
        XmlElement resources = conf == null ? null : conf.element("resources");
        return resources == null ? Optional.empty() : find(resources, id);
    }

    private static Optional<XmlElement> find(XmlElement parent, String id) {
        for (XmlElement e : parent.elements()) {
            if (!RESOURCE_TAGS.contains(e.name())) {
                continue;
            }
            if (id.equals(e.attr("id"))) {
                return Optional.of(e);
            }
            Optional<XmlElement> inner = find(e, id);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    /** The ids of the primitives at or below a resource element, in document order. */
    static List<String> primitives(XmlElement resource) {
        List<String> out = new ArrayList<>();
        if (resource.name().equals("primitive")) {
            out.add(resource.attr("id"));
        }
        for (XmlElement e : resource.elements()) {
            if (RESOURCE_TAGS.contains(e.name())) {
                out.addAll(primitives(e));
            }
        }
        return out;
    }

    /** The element whose {@code uname} (or, failing that, {@code id}) is {@code node}. */
    static XmlElement findNode(List<XmlElement> candidates, String node) {
        for (XmlElement e : candidates) {
            if (node.equals(e.attr("uname"))) {
                return e;
            }
        }
        for (XmlElement e : candidates) {
            if (node.equals(e.attr("id"))) {
                return e;
            }
        }
        return null;
    }

    static IllegalArgumentException unknownResource(String rsc) {
        return new IllegalArgumentException("no resource '" + rsc + "' in the configuration");
    }
}
