package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlComment;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.cib.xml.XmlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The scheduler corpus in {@code ../shared/conformance/scheduler} (never copied here) and a canonical form for comparing configurations. */
final class Corpus {
    private Corpus() {
    }

    /** The corpus' case directory, or null when the checkout has no {@code shared/} beside it. */
    static Path cases() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("../shared/conformance/scheduler/cases").normalize();
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }

    static List<Path> files(Path cases) throws IOException {
        try (Stream<Path> s = Files.list(cases)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    /**
     * A canonical text of an element: attributes sorted, comments dropped, children grouped by tag
     * (order kept within a tag, where it matters), Heartbeat 2.0's {@code <attributes>} wrapper
     * unwrapped.
     */
    static String canonical(XmlElement e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb, 0);
        return sb.toString();
    }

    private static void write(XmlElement e, StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append('<').append(e.name());
        Map<String, String> attrs = new TreeMap<>(e.attributes());
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        sb.append(">\n");
        List<XmlElement> children = new ArrayList<>();
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c) {
                if (c.name().equals("attributes")) {
                    children.addAll(c.elements());
                } else {
                    children.add(c);
                }
            } else if (n instanceof XmlText t) {
                sb.append("  ".repeat(depth + 1)).append(t.text().strip()).append('\n');
            } else if (!(n instanceof XmlComment)) {
                sb.append("?\n");
            }
        }
        children.sort(Comparator.comparing(XmlElement::name));
        for (XmlElement c : children) {
            write(c, sb, depth + 1);
        }
    }
}
