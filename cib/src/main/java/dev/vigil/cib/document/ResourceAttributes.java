package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resource's instance attributes ({@code params}) and meta attributes, read and set on a whole
 * CIB document, as {@code crm_resource --set-parameter / --get-parameter / --delete-parameter
 * [--meta]} do: an existing pair in the resource's plain attribute blocks is updated, else one is
 * added to its first block (created as {@code RSC-instance_attributes} / {@code RSC-meta_attributes}
 * when there is none). Stateless.
 */
public final class ResourceAttributes {
    /** Which attributes. */
    public enum Kind {
        PARAMS("instance_attributes"), META("meta_attributes");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    private ResourceAttributes() {
    }

    /**
     * {@code cib} with {@code name} of resource {@code rsc} set to {@code value} (deleted when null).
     *
     * @throws IllegalArgumentException for an unknown resource
     */
    public static XmlElement set(XmlElement cib, String rsc, Kind kind, String name, String value) {
        XmlElement conf = configuration(cib);
        XmlElement resource = ConfigurationEditor.resource(conf, rsc)
                .orElseThrow(() -> ConfigurationEditor.unknownResource(rsc));
        XmlElement edited = AttributeSets.set(resource, kind.tag, name, value, rsc + "-" + kind.tag,
                rsc + "-" + kind.tag + "-" + name, Trees.ids(cib));
        XmlElement newConf = Trees.replaceById(conf, edited).orElseThrow();
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode n : cib.children()) {
            children.add(n == conf ? newConf : n);
        }
        return cib.withChildren(children);
    }

    /** The value of {@code name}, if the resource's plain blocks set it. */
    public static Optional<String> get(XmlElement cib, String rsc, Kind kind, String name) {
        XmlElement resource = ConfigurationEditor.resource(configuration(cib), rsc)
                .orElseThrow(() -> ConfigurationEditor.unknownResource(rsc));
        return Optional.ofNullable(AttributeSets.get(resource, kind.tag, name));
    }

    private static XmlElement configuration(XmlElement cib) {
        XmlElement conf = cib.element("configuration");
        if (conf == null) {
            throw new IllegalArgumentException("the CIB has no <configuration> section");
        }
        return conf;
    }
}
