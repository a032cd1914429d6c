package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CIB a new cluster starts from: version 0.1.0, the cluster name as a cluster property, empty
 * {@code nodes}, {@code resources} and {@code constraints}, and an empty {@code status}. The daemon
 * adds the nodes as they join. Stateless and thread-safe.
 */
public final class MinimalCib {
    /** The Pacemaker feature set Vigil's CIBs claim (Pacemaker 2.1.x / 3.0). */
    public static final String FEATURE_SET = "3.19.0";
    /** The schema Vigil's CIBs are written against. */
    public static final String SCHEMA = "pacemaker-3.10";

    /** {@code cib-last-written} in the ctime form Pacemaker writes, e.g. {@code Tue Jan  2 10:00:00 2024}. */
    private static final DateTimeFormatter LAST_WRITTEN =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MinimalCib() {
    }

    /** As {@link #create(String, String, Instant)} with the current time. */
    public static XmlElement create(String clusterName, String dcUuid) {
        return create(clusterName, dcUuid, Instant.now());
    }

    /**
     * A minimal CIB for cluster {@code clusterName}.
     *
     * @param dcUuid the node id of the DC, written as {@code dc-uuid}; null to leave it out
     * @param lastWritten written as {@code cib-last-written} (UTC)
     * @throws IllegalArgumentException if the cluster name is blank or the DC id is blank
     */
    public static XmlElement create(String clusterName, String dcUuid, Instant lastWritten) {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name is '" + clusterName + "', expected a non-blank name");
        }
        if (dcUuid != null && dcUuid.isBlank()) {
            throw new IllegalArgumentException("dc-uuid is blank; pass null to leave it out");
        }
        Map<String, String> root = new LinkedHashMap<>();
        root.put("crm_feature_set", FEATURE_SET);
        root.put("validate-with", SCHEMA);
        root.put(CibVersions.EPOCH, "1");
        root.put(CibVersions.NUM_UPDATES, "0");
        root.put(CibVersions.ADMIN_EPOCH, "0");
        root.put("cib-last-written", LAST_WRITTEN.format(lastWritten));
        if (dcUuid != null) {
            root.put("dc-uuid", dcUuid);
        }
        XmlElement nvpair = element("nvpair", Map.of(), List.of())
                .withAttribute("id", "cib-bootstrap-options-cluster-name")
                .withAttribute("name", "cluster-name")
                .withAttribute("value", clusterName);
        XmlElement propertySet = element("cluster_property_set", Map.of("id", "cib-bootstrap-options"),
                List.of(nvpair));
        XmlElement configuration = element("configuration", Map.of(), List.of(
                element("crm_config", Map.of(), List.of(propertySet)),
                element("nodes", Map.of(), List.of()),
                element("resources", Map.of(), List.of()),
                element("constraints", Map.of(), List.of())));
        return element("cib", root, List.of(configuration, element("status", Map.of(), List.of())));
    }

    /**
     * {@code cib} with an {@code rsc_defaults} meta-attribute set holding {@code defaults} (ids
     * {@code rsc-options} and {@code rsc-options-NAME}), as a fresh CIB seeded from {@code ha.cf}.
     */
    public static XmlElement withResourceDefaults(XmlElement cib, Map<String, String> defaults) {
        if (defaults.isEmpty()) {
            return cib;
        }
        List<XmlNode> pairs = new java.util.ArrayList<>();
        defaults.forEach((name, value) -> pairs.add(element("nvpair", Map.of(), List.of())
                .withAttribute("id", "rsc-options-" + name).withAttribute("name", name).withAttribute("value", value)));
        XmlElement set = element("meta_attributes", Map.of("id", "rsc-options"), pairs);
        List<XmlNode> children = new java.util.ArrayList<>();
        for (XmlNode n : cib.children()) {
            if (n instanceof XmlElement e && e.name().equals("configuration")) {
                List<XmlNode> sections = new java.util.ArrayList<>(e.children());
                sections.add(element("rsc_defaults", Map.of(), List.of(set)));
                children.add(new XmlElement(e.name(), e.attributes(), sections, e.line()));
            } else {
                children.add(n);
            }
        }
        return new XmlElement(cib.name(), cib.attributes(), children, cib.line());
    }

    private static XmlElement element(String name, Map<String, String> attributes, List<XmlNode> children) {
        return new XmlElement(name, attributes, children, 0);
    }
}
