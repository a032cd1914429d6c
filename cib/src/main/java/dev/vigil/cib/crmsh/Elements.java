package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlComment;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders of XML elements for the parser. */
final class Elements {
    private Elements() {
    }

    /** An element with attributes given as name, value, name, value…; null values are left out. */
    static XmlElement element(String name, String... keyValues) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                attrs.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new XmlElement(name, attrs, List.of(), 0);
    }

    static XmlElement element(String name, Map<String, String> attrs, List<? extends XmlNode> children) {
        return new XmlElement(name, attrs, new ArrayList<>(children), 0);
    }

    static XmlElement withChildren(XmlElement e, List<? extends XmlNode> children) {
        return e.withChildren(new ArrayList<>(children));
    }

    /**
     * A name/value block ({@code instance_attributes}, {@code meta_attributes}, …) with id
     * {@code setId} and one {@code nvpair} per pair, ids {@code setId-NAME}.
     */
    static XmlElement nvset(String tag, String setId, List<Token> pairs, Set<String> taken) {
        List<XmlNode> children = new ArrayList<>();
        for (Token p : pairs) {
            children.add(element("nvpair", "id", Ids.free(Ids.join(setId, p.name()), taken), "name", p.name(),
                    "value", p.value()));
        }
        return element(tag, Map.of("id", setId), children);
    }

    /** The comments as XML comments ({@code <!-- text -->}), to be the first children of an object. */
    static List<XmlNode> comments(Statement s) {
        List<XmlNode> out = new ArrayList<>();
        for (String c : s.comments()) {
            out.add(new XmlComment(c.endsWith(" ") || c.isEmpty() ? c : c + " "));
        }
        return out;
    }
}
