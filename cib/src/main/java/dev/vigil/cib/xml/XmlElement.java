package dev.vigil.cib.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An XML element with its attributes in document order, its children (elements, text, comments)
 * and the line it started on (0 when built in memory). Immutable once built.
 */
public final class XmlElement implements XmlNode {
    private static final String[] NO_ATTRIBUTES = new String[0];
    private final String name;
    /** Names and values alternating, in document order: compact, since a large CIB has millions. */
    private final String[] attributes;
    private final List<XmlNode> children;
    private final int line;

    public XmlElement(String name, Map<String, String> attributes, List<XmlNode> children, int line) {
        this.name = name;
        String[] a = new String[attributes.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            a[i++] = java.util.Objects.requireNonNull(e.getKey());
            a[i++] = java.util.Objects.requireNonNull(e.getValue());
        }
        this.attributes = a;
        this.children = List.copyOf(children);
        this.line = line;
    }

    /** For the parser: takes ownership of the arrays and list given (no copies). */
    XmlElement(String name, String[] attributes, List<XmlNode> children, int line) {
        this.name = name;
        this.attributes = attributes.length == 0 ? NO_ATTRIBUTES : attributes;
        this.children = children.isEmpty() ? List.of() : Collections.unmodifiableList(children);
        this.line = line;
    }

    public String name() {
        return name;
    }

    /** The attributes in document order (a new unmodifiable map on each call). */
    public Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            m.put(attributes[i], attributes[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    public String attr(String key) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(key)) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    public String attr(String key, String fallback) {
        String v = attr(key);
        return v == null ? fallback : v;
    }

    public List<XmlNode> children() {
        return children;
    }

    public int line() {
        return line;
    }

    /** The child elements, in order. */
    public List<XmlElement> elements() {
        List<XmlElement> out = new ArrayList<>(children.size());
        for (XmlNode n : children) {
            if (n instanceof XmlElement e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The child elements with the given name, in order. */
    public List<XmlElement> elements(String childName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlNode n : children) {
            if (n instanceof XmlElement e && e.name.equals(childName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element with the given name, or null. */
    public XmlElement element(String childName) {
        for (XmlNode n : children) {
            if (n instanceof XmlElement e && e.name.equals(childName)) {
                return e;
            }
        }
        return null;
    }

    /** The concatenated text content of this element's direct text children. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (XmlNode n : children) {
            if (n instanceof XmlText t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** A copy with one attribute set (added at the end if new). */
    public XmlElement withAttribute(String key, String value) {
        Map<String, String> a = new LinkedHashMap<>(attributes());
        a.put(key, value);
        return new XmlElement(name, a, children, line);
    }

    /** A copy with other children. */
    public XmlElement withChildren(List<XmlNode> newChildren) {
        return new XmlElement(name, attributes(), newChildren, line);
    }

    /** "element 'id'" or just the element name, for error messages. */
    public String describe() {
        String id = attr("id");
        return id == null ? "<" + name + ">" : name + " '" + id + "'";
    }

    @Override
    public String toString() {
        return XmlWriter.toXml(this);
    }
}
