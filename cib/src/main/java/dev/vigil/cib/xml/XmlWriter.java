package dev.vigil.cib.xml;

import java.util.Map;

/** Writes an {@link XmlElement} tree as indented XML (two spaces, as Pacemaker writes the CIB). */
public final class XmlWriter {
    private XmlWriter() {
    }

    public static String toXml(XmlElement root) {
        StringBuilder sb = new StringBuilder(4096);
        write(root, sb, 0);
        return sb.toString();
    }

    private static void write(XmlElement e, StringBuilder sb, int depth) {
        indent(sb, depth);
        sb.append('<').append(e.name());
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"");
            escape(a.getValue(), sb, true);
            sb.append('"');
        }
        if (e.children().isEmpty()) {
            sb.append("/>\n");
            return;
        }
        boolean textOnly = e.children().stream().allMatch(c -> c instanceof XmlText);
        if (textOnly) {
            sb.append('>');
            escape(e.text(), sb, false);
            sb.append("</").append(e.name()).append(">\n");
            return;
        }
        sb.append(">\n");
        for (XmlNode c : e.children()) {
            if (c instanceof XmlElement ce) {
                write(ce, sb, depth + 1);
            } else if (c instanceof XmlText t) {
                indent(sb, depth + 1);
                escape(t.text().strip(), sb, false);
                sb.append('\n');
            } else if (c instanceof XmlComment cm) {
                indent(sb, depth + 1);
                sb.append("<!--").append(cm.text()).append("-->\n");
            }
        }
        indent(sb, depth);
        sb.append("</").append(e.name()).append(">\n");
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    private static void escape(String s, StringBuilder sb, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
    }
}
