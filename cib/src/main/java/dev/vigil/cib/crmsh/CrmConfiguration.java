package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The crm shell configuration language, as {@code crm configure} speaks it: parse text into the
 * CIB's {@code <configuration>}, render a configuration as text ({@code configure show}), and
 * apply text to a CIB by replacing its configuration ({@code configure edit}, {@code load
 * replace}) or merging objects into it ({@code load update}, one-line commands such as
 * {@code configure primitive …}).
 *
 * <p>Supported statements: {@code node}, {@code primitive}, {@code group}, {@code clone},
 * {@code ms}, {@code location} (score and node, or rules), {@code colocation}, {@code order},
 * {@code property}, {@code rsc_defaults}, {@code op_defaults}, {@code fencing_topology} and
 * {@code xml} (any other element, written as CIB XML). Rendering writes as {@code xml} whatever
 * the statements cannot say exactly, so {@code replace(cib, render(cib))} gives the same
 * configuration back, ids included. Nested ids follow crmsh ({@code ip-instance_attributes-ip},
 * {@code ip-monitor-10s}), except that an object redefined keeps the ids it had.
 *
 * <p>Stateless and thread-safe. Nothing is validated beyond what the language needs (ids,
 * references, scores); run {@link dev.vigil.cib.validate.CibValidator} on the result.
 */
public final class CrmConfiguration {
    private CrmConfiguration() {
    }

    /**
     * The {@code <configuration>} that {@code text} describes.
     *
     * @param source the name of the text in error messages (a file name), or null
     * @throws CrmSyntaxException listing every mistake with its line and column
     */
    public static XmlElement parse(String text, String source) throws CrmSyntaxException {
        return build(null, false, text, source);
    }

    /**
     * {@code cib} with its configuration replaced by the one {@code text} describes; the root's
     * attributes (versions included) and the status section are kept. Objects that already
     * existed keep the ids of their nested elements.
     *
     * @param cib a {@code <cib>} (or a bare {@code <configuration>}, which is then replaced)
     */
    public static XmlElement replace(XmlElement cib, String text, String source) throws CrmSyntaxException {
        return withConfiguration(cib, build(configuration(cib), false, text, source));
    }

    /**
     * {@code cib} with the objects of {@code text} added, or replacing the objects with their ids
     * (a group or clone statement may take in existing resources). {@code property},
     * {@code rsc_defaults} and {@code op_defaults} set their pairs in the existing set; a
     * {@code fencing_topology} statement replaces the whole topology.
     */
    public static XmlElement merge(XmlElement cib, String text, String source) throws CrmSyntaxException {
        return withConfiguration(cib, build(configuration(cib), true, text, source));
    }

    /** The configuration of a {@code <cib>} (or of a bare {@code <configuration>}) as crm shell text. */
    public static String render(XmlElement cib) {
        return join(CrmRenderer.render(configurationOrEmpty(cib)));
    }

    /** Only the statements of the objects with these ids (resources, constraints, nodes, property sets). */
    public static String render(XmlElement cib, Collection<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return join(CrmRenderer.render(configurationOrEmpty(cib)).stream()
                .filter(r -> r.id() != null && wanted.contains(r.id())).toList());
    }

    /**
     * One statement from command-line words ({@code vigil configure primitive ip ocf:heartbeat:IPaddr2
     * params ip=10.0.0.10}), quoting the words and values that need it.
     */
    public static String statement(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq > 0 && TextFormat.isName(w.substring(0, eq))) {
                out.add(TextFormat.pair(w.substring(0, eq), w.substring(eq + 1)));
            } else if (w.isEmpty() || w.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
                out.add(TextFormat.quote(w));
            } else {
                out.add(w);
            }
        }
        return String.join(" ", out);
    }

    private static XmlElement build(XmlElement old, boolean merge, String text, String source)
            throws CrmSyntaxException {
        List<CrmError> errors = new ArrayList<>();
        List<Statement> statements = CrmLexer.split(text, errors);
        List<CrmObject> objects = StatementParser.parse(statements, source, errors);
        XmlElement conf = null;
        if (errors.isEmpty()) {
            conf = ConfigurationAssembler.assemble(old, merge, objects, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(CrmError::line).thenComparingInt(CrmError::column));
            throw new CrmSyntaxException(source, errors);
        }
        return conf;
    }

    private static String join(List<CrmRenderer.Rendered> statements) {
        return statements.stream().map(r -> r.text() + "\n").collect(Collectors.joining());
    }

    private static XmlElement configuration(XmlElement cib) {
        return cib.name().equals("configuration") ? cib : cib.element("configuration");
    }

    private static XmlElement configurationOrEmpty(XmlElement cib) {
        XmlElement c = configuration(cib);
        return c != null ? c : Elements.element("configuration");
    }

    private static XmlElement withConfiguration(XmlElement cib, XmlElement conf) {
        if (cib.name().equals("configuration")) {
            return conf;
        }
        List<XmlNode> children = new ArrayList<>();
        boolean placed = false;
        for (XmlNode n : cib.children()) {
            if (n instanceof XmlElement e && e.name().equals("configuration")) {
                if (!placed) {
                    children.add(conf);
                    placed = true;
                }
            } else {
                children.add(n);
            }
        }
        if (!placed) {
            children.add(0, conf);
        }
        return cib.withChildren(children);
    }
}
