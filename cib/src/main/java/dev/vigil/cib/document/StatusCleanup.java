package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code crm_resource --cleanup} forgets: a resource's {@code lrm_resource} history (for a
 * group or clone that of every primitive inside, clone instances {@code RSC:N} included) and its
 * {@code fail-count-RSC#…} / {@code last-failure-RSC#…} transient attributes, per node. Without
 * a resource it covers every resource with a recorded failure ({@code RSC_last_failure_0} or a
 * fail count). The scheduler then probes what lost its history. Stateless.
 */
public final class StatusCleanup {
    private static final List<String> FAILURE_ATTRIBUTES = List.of("fail-count-", "last-failure-");

    private StatusCleanup() {
    }

    /**
     * What a cleanup removes, per node name: {@code history} holds {@code lrm_resource} ids,
     * {@code attributes} transient attribute names. Nodes with nothing to remove are absent.
     */
    public record Plan(Map<String, List<String>> history, Map<String, List<String>> attributes) {
        public Plan {
            history = Collections.unmodifiableMap(new LinkedHashMap<>(history));
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        public boolean isEmpty() {
            return history.isEmpty() && attributes.isEmpty();
        }
    }

    /**
     * Plans the cleanup of {@code rsc} (null: every failed resource) on {@code node} (null: every
     * node) in the whole CIB {@code cib}.
     *
     * @throws IllegalArgumentException for a resource neither configured nor in the status, or
     *         a node neither configured nor in the status
     */
    public static Plan plan(XmlElement cib, String rsc, String node) {
        XmlElement conf = cib.element("configuration");
        XmlElement status = cib.element("status");
        List<XmlElement> states = status == null ? List.of() : status.elements("node_state");
        XmlElement target = node == null ? null : ConfigurationEditor.findNode(states, node);
        if (node != null && target == null) {
            XmlElement nodes = conf == null ? null : conf.element("nodes");
            if (nodes == null || ConfigurationEditor.findNode(nodes.elements("node"), node) == null) {
                throw new IllegalArgumentException("no node '" + node + "' in the cluster");
            }
        }
        List<String> bases = rsc == null ? null : bases(conf, states, rsc);
        Map<String, List<String>> history = new LinkedHashMap<>();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (XmlElement state : states) {
            String name = state.attr("uname", state.attr("id"));
            if (name == null || node != null && state != target) {
                continue;
            }
            Set<String> attrs = new TreeSet<>();
            for (XmlElement pair : transientPairs(state)) {
                String resource = failureResource(pair.attr("name"));
                if (resource != null && (bases == null || matches(resource, bases))) {
                    attrs.add(pair.attr("name"));
                }
            }
            List<String> ids = new ArrayList<>();
            for (XmlElement r : lrmResources(state)) {
                String id = r.attr("id");
                if (id != null && (bases != null ? matches(id, bases)
                        : hasFailure(r) || attrs.stream().anyMatch(a -> id.equals(failureResource(a))))) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                history.put(name, ids);
            }
            if (!attrs.isEmpty()) {
                attributes.put(name, new ArrayList<>(attrs));
            }
        }
        return new Plan(history, attributes);
    }

    /** {@code status} without what {@code plan} names. */
    static XmlElement apply(XmlElement status, Plan plan) {
        XmlElement out = status;
        for (XmlElement state : status.elements("node_state")) {
            String name = state.attr("uname", state.attr("id"));
            List<String> ids = plan.history().getOrDefault(name, List.of());
            List<String> attrs = plan.attributes().getOrDefault(name, List.of());
            if (ids.isEmpty() && attrs.isEmpty()) {
                continue;
            }
            out = Trees.upsert(out, e -> e == state, null, ns -> {
                XmlElement n = Trees.upsert(ns, Trees.named("lrm"), null, lrm -> Trees.upsert(lrm,
                        Trees.named("lrm_resources"), null, rs -> Trees.removeAll(rs,
                                r -> r.name().equals("lrm_resource") && ids.contains(r.attr("id")))));
                return Trees.upsert(n, Trees.named("transient_attributes"), null, ta -> {
                    XmlElement t = ta;
                    for (XmlElement set : ta.elements("instance_attributes")) {
                        t = Trees.upsert(t, e -> e == set, null, s -> Trees.removeAll(s,
                                p -> p.name().equals("nvpair") && attrs.contains(p.attr("name"))));
                    }
                    return t;
                });
            });
        }
        return out;
    }

    /** The lrm ids that belong to {@code rsc}: the primitives inside it, or itself when only the status knows it. */
    private static List<String> bases(XmlElement conf, List<XmlElement> states, String rsc) {
        var configured = ConfigurationEditor.resource(conf, rsc);
        if (configured.isPresent()) {
            List<String> out = new ArrayList<>(ConfigurationEditor.primitives(configured.get()));
            out.add(rsc);
            return out;
        }
        List<String> self = List.of(rsc);
        for (XmlElement state : states) {
            for (XmlElement r : lrmResources(state)) {
                if (r.attr("id") != null && matches(r.attr("id"), self)) {
                    return self; // an orphan: still in the status, no longer configured
                }
            }
        }
        throw ConfigurationEditor.unknownResource(rsc);
    }

    /** {@code id} is one of {@code bases} or a numbered instance {@code BASE:N} of one. */
    private static boolean matches(String id, List<String> bases) {
        for (String base : bases) {
            if (id.equals(base)) {
                return true;
            }
            if (id.length() > base.length() + 1 && id.startsWith(base + ":")
                    && id.substring(base.length() + 1).chars().allMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }

    /** The resource a {@code fail-count-RSC#OP_INTERVAL} or {@code last-failure-…} attribute is about, or null. */
    private static String failureResource(String attribute) {
        if (attribute == null) {
            return null;
        }
        for (String prefix : FAILURE_ATTRIBUTES) {
            if (attribute.startsWith(prefix) && attribute.length() > prefix.length()) {
                String rest = attribute.substring(prefix.length());
                int hash = rest.indexOf('#');
                return hash < 0 ? rest : rest.substring(0, hash);
            }
        }
        return null;
    }

    private static boolean hasFailure(XmlElement lrmResource) {
        return lrmResource.elements("lrm_rsc_op").stream().anyMatch(op -> op.attr("id", "").endsWith("_last_failure_0"));
    }

    private static List<XmlElement> lrmResources(XmlElement state) {
        XmlElement lrm = state.element("lrm");
        XmlElement resources = lrm == null ? null : lrm.element("lrm_resources");
        return resources == null ? List.of() : resources.elements("lrm_resource");
    }

    private static List<XmlElement> transientPairs(XmlElement state) {
        XmlElement ta = state.element("transient_attributes");
        List<XmlElement> out = new ArrayList<>();
        if (ta != null) {
            for (XmlElement set : ta.elements("instance_attributes")) {
                out.addAll(set.elements("nvpair"));
            }
        }
        return out;
    }
}
