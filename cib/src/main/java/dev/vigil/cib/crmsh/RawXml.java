package dev.vigil.cib.crmsh;

import dev.vigil.cib.Spelling;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code xml} statement: an element written as CIB XML, for what the language cannot say
 * (resource sets, tickets, templates, bundles, date rules, ACLs…). The element is an object of the
 * section its tag belongs to ({@code <primitive>} goes to resources), or a whole section
 * ({@code <rsc_defaults>…</rsc_defaults>}) whose children become objects of it. Stateless.
 */
final class RawXml {
    /** The sections of {@code <configuration>} in Pacemaker's schema, in the order Vigil writes them. */
    static final List<String> SECTIONS = List.of("crm_config", "nodes", "resources", "constraints",
            "fencing-topology", "rsc_defaults", "op_defaults", "tags", "alerts", "acls");
    /** The section of each element tag that belongs to exactly one section. */
    static final Map<String, String> SECTION_OF = Map.ofEntries(Map.entry("primitive", "resources"),
            Map.entry("group", "resources"), Map.entry("clone", "resources"), Map.entry("master", "resources"),
            Map.entry("bundle", "resources"), Map.entry("template", "resources"),
            Map.entry("rsc_location", "constraints"), Map.entry("rsc_colocation", "constraints"),
            Map.entry("rsc_order", "constraints"), Map.entry("rsc_ticket", "constraints"), Map.entry("node", "nodes"),
            Map.entry("cluster_property_set", "crm_config"), Map.entry("fencing-level", "fencing-topology"),
            Map.entry("tag", "tags"), Map.entry("alert", "alerts"), Map.entry("acl_target", "acls"),
            Map.entry("acl_role", "acls"), Map.entry("acl_user", "acls"), Map.entry("acl_group", "acls"));

    private RawXml() {
    }

    static List<CrmObject> objects(Statement s, String source) {
        Token at = s.keyword();
        if (s.xml() == null || s.xml().isBlank()) {
            throw Words.fail(s.tokens().get(0), "expected an XML element after 'xml'");
        }
        XmlElement e;
        try {
            e = XmlParser.parse(s.xml(), "xml");
        } catch (XmlParseException ex) {
            String msg = ex.getMessage();
            int cut = msg.indexOf(": ", msg.indexOf(':') + 1);
            msg = cut > 0 ? msg.substring(cut + 2) : msg;
            int line = s.xmlLine() + Math.max(ex.line(), 1) - 1;
            throw new StatementError(new CrmError(line, ex.line() <= 1 ? s.xmlColumn() : 1, "xml", msg));
        }
        List<CrmObject> out = new ArrayList<>();
        if (SECTIONS.contains(e.name())) {
            for (XmlElement child : e.elements()) {
                out.add(object(at, withComments(s, child), e.name()));
            }
            return out;
        }
        String section = SECTION_OF.get(e.name());
        if (section == null) {
            List<String> known = new ArrayList<>(SECTION_OF.keySet());
            known.addAll(SECTIONS);
            throw Words.fail(at, "<" + e.name() + "> is not an element of the configuration"
                    + Spelling.suggest(e.name(), known) + "; write an object such as <primitive>, <rsc_ticket>, "
                    + "<tag>, or a whole section such as <rsc_defaults>…</rsc_defaults>");
        }
        out.add(object(at, withComments(s, e), section));
        return out;
    }

    private static CrmObject object(Token at, XmlElement e, String section) {
        if (e.attr("id") == null && !section.equals("fencing-topology")) {
            throw Words.fail(at, "<" + e.name() + "> in the xml statement has no id");
        }
        return CrmObject.of(CrmObject.Kind.RAW, at, e, section);
    }

    private static XmlElement withComments(Statement s, XmlElement e) {
        if (s.comments().isEmpty()) {
            return e;
        }
        List<dev.vigil.cib.xml.XmlNode> children = Elements.comments(s);
        children.addAll(e.children());
        return e.withChildren(children);
    }
}
