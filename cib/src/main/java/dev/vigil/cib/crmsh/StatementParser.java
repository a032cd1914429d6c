package dev.vigil.cib.crmsh;

import dev.vigil.cib.Spelling;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns statements into {@link CrmObject}s: dispatches on the keyword and handles the statements
 * that are not resources or constraints ({@code node}, {@code property}, {@code rsc_defaults},
 * {@code op_defaults}, {@code fencing_topology}, {@code xml}). Stateless.
 */
final class StatementParser {
    /** The keywords, in the order "did you mean" prefers them. */
    static final List<String> KEYWORDS = List.of("primitive", "group", "clone", "ms", "location", "colocation",
            "order", "property", "rsc_defaults", "op_defaults", "node", "fencing_topology", "xml", "master",
            "collocation");
    /** crmsh statements Vigil does not speak; they can be written as {@code xml}. */
    private static final Map<String, String> UNSUPPORTED = Map.of("rsc_template", "template", "rsc_ticket",
            "rsc_ticket", "tag", "tag", "alert", "alert", "bundle", "bundle", "role", "acl_role", "user", "acl_target",
            "acl_target", "acl_target");
    private static final Set<String> NODE_TYPES = Set.of("member", "ping", "remote", "normal");

    private StatementParser() {
    }

    /** The objects of all statements; mistakes are added to {@code errors} and their statements skipped. */
    static List<CrmObject> parse(List<Statement> statements, String source, List<CrmError> errors) {
        List<CrmObject> out = new ArrayList<>();
        for (Statement s : statements) {
            try {
                out.addAll(parse(s, source));
            } catch (StatementError e) {
                errors.add(e.error());
            }
        }
        return out;
    }

    private static List<CrmObject> parse(Statement s, String source) {
        Token k = s.keyword();
        String word = k.quoted() ? "" : k.text();
        return switch (word) {
            case "primitive" -> List.of(ResourceStatements.primitive(s));
            case "group" -> List.of(ResourceStatements.group(s));
            case "clone" -> List.of(ResourceStatements.clone(s, false));
            case "ms", "master" -> List.of(ResourceStatements.clone(s, true));
            case "location" -> List.of(ConstraintStatements.location(s));
            case "colocation", "collocation" -> List.of(ConstraintStatements.colocation(s));
            case "order" -> List.of(ConstraintStatements.order(s));
            case "property" -> List.of(nvset(s, "crm_config", "cluster_property_set", "cib-bootstrap-options"));
            case "rsc_defaults" -> List.of(nvset(s, "rsc_defaults", "meta_attributes", "rsc-options"));
            case "op_defaults" -> List.of(nvset(s, "op_defaults", "meta_attributes", "op-options"));
            case "node" -> List.of(node(s));
            case "fencing_topology" -> List.of(fencing(s));
            case "xml" -> RawXml.objects(s, source);
            default -> throw unknownKeyword(k);
        };
    }

    private static StatementError unknownKeyword(Token k) {
        String asXml = UNSUPPORTED.get(k.text());
        if (asXml != null) {
            return Words.fail(k, "'" + k.text() + "' is not supported by Vigil's configure language; write the "
                    + "object as XML instead: xml <" + asXml + " id=\"...\" .../>");
        }
        return Words.fail(k, "unknown keyword '" + k.text() + "'" + Spelling.suggest(k.text(), KEYWORDS)
                + "; a statement starts with one of: " + String.join(", ", KEYWORDS.subList(0, 13)));
    }

    /** {@code property|rsc_defaults|op_defaults [ID:|$id=ID] NAME=VALUE…}. */
    private static CrmObject nvset(Statement s, String section, String tag, String defaultId) {
        Words w = new Words(s);
        Token at = s.keyword();
        String id = defaultId;
        Token first = w.peek();
        if (first != null && first.endsWithColon()) {
            w.next("");
            id = first.beforeColon();
            Ids.check(new Token(id, first.line(), first.column(), false, -1), "id");
            at = first;
        } else if (first != null && first.isPair() && first.name().equals("$id")) {
            w.next("");
            id = first.value();
            Ids.check(new Token(id, first.line(), first.column() + 4, false, -1), "id");
            at = first;
        }
        List<Token> pairs = pairs(w, "NAME=VALUE");
        if (pairs.isEmpty()) {
            throw Words.fail(w.hasMore() ? w.peek() : w.end(), "expected NAME=VALUE after '" + s.keyword().text()
                    + "'" + (w.hasMore() ? ", found '" + w.peek().text() + "'" : ""));
        }
        if (w.hasMore()) {
            throw Words.fail(w.peek(), "expected NAME=VALUE, found '" + w.peek().text() + "'");
        }
        XmlElement set = Elements.nvset(tag, id, pairs, new HashSet<>());
        List<XmlNode> children = Elements.comments(s);
        children.addAll(set.children());
        return CrmObject.of(CrmObject.Kind.NVSET, at, Elements.withChildren(set, children), section);
    }

    /** {@code node [ID:|$id=ID] UNAME[:TYPE] [description=TEXT] [attributes NAME=VALUE…] [utilization NAME=VALUE…]}. */
    private static CrmObject node(Statement s) {
        Words w = new Words(s);
        String id = null;
        Token first = w.next("the node name");
        Token unameToken = first;
        if (first.endsWithColon() || (first.isPair() && first.name().equals("$id"))) {
            id = first.endsWithColon() ? first.beforeColon() : first.value();
            if (id.isEmpty() || id.contains(":") || id.chars().anyMatch(Character::isWhitespace)) {
                throw Words.fail(first, "'" + id + "' is not a valid node id");
            }
            unameToken = w.next("the node name after the node id");
        }
        String uname = unameToken.text();
        String type = null;
        int colon = uname.indexOf(':');
        if (colon >= 0) {
            type = uname.substring(colon + 1);
            uname = uname.substring(0, colon);
            if (!NODE_TYPES.contains(type)) {
                throw Words.fail(unameToken, "unknown node type '" + type + "'" + Spelling.suggest(type, NODE_TYPES)
                        + " (expected member, ping or remote)");
            }
        }
        if (uname.isEmpty() || unameToken.isPair() || uname.chars().anyMatch(Character::isWhitespace)) {
            throw Words.fail(unameToken, "'" + unameToken.text() + "' is not a valid node name");
        }
        boolean explicit = id != null;
        String nodeId = explicit ? id : uname;
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", nodeId);
        attrs.put("uname", uname);
        if (type != null) {
            attrs.put("type", type);
        }
        List<XmlNode> children = Elements.comments(s);
        Set<String> taken = new HashSet<>();
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.isPair() && t.name().equals("description")) {
                attrs.put("description", t.value());
            } else if (t.is("attributes")) {
                children.add(Elements.nvset("instance_attributes", "nodes-" + nodeId, block(w, t), taken));
            } else if (t.is("utilization")) {
                children.add(Elements.nvset("utilization", "nodes-" + nodeId + "-utilization", block(w, t), taken));
            } else {
                throw Words.fail(t, "expected 'attributes', 'utilization' or description=TEXT after the node name, "
                        + "found '" + t.text() + "'" + Spelling.suggest(t.text(), List.of("attributes", "utilization")));
            }
        }
        XmlElement e = Elements.element("node", attrs, children);
        return new CrmObject(CrmObject.Kind.NODE, nodeId, explicit ? first : unameToken, e, List.of(), List.of(),
                "nodes", explicit);
    }

    /** {@code fencing_topology TARGET: DEVICE[,DEVICE…] [DEVICE…] [TARGET: …]}: one level per word, per target. */
    private static CrmObject fencing(Statement s) {
        Words w = new Words(s);
        List<XmlNode> levels = Elements.comments(s);
        Token first = w.next("'NODE: DEVICE…'");
        if (!first.endsWithColon()) {
            throw Words.fail(first, "expected a node name followed by ':' before the fence devices "
                    + "(e.g. 'fencing_topology node1: ipmi1 pdu1,pdu2'); the form without node names is not supported");
        }
        Set<String> taken = new HashSet<>();
        Token target = first;
        int index = 0;
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.endsWithColon()) {
                if (index == 0) {
                    throw Words.fail(t, "node '" + target.beforeColon() + "' has no fence devices");
                }
                target = t;
                index = 0;
                continue;
            }
            for (String device : t.text().split(",", -1)) {
                if (!Ids.isValid(device)) {
                    throw Words.fail(t, "'" + device + "' is not a valid fence device id in '" + t.text() + "'");
                }
            }
            index++;
            String name = target.beforeColon();
            levels.add(Elements.element("fencing-level", "id", Ids.free(Ids.join("fl", name) + "-" + index, taken),
                    "target", name, "index", Integer.toString(index), "devices", t.text()));
        }
        if (index == 0) {
            throw Words.fail(w.end(), "node '" + target.beforeColon() + "' has no fence devices");
        }
        XmlElement section = Elements.element("fencing-topology", Map.of(), levels);
        return new CrmObject(CrmObject.Kind.FENCING, "fencing-topology", s.keyword(), section, List.of(), List.of(),
                "fencing-topology", true);
    }

    /** The NAME=VALUE words after a block keyword such as {@code params}; at least one. */
    static List<Token> block(Words w, Token keyword) {
        List<Token> pairs = pairs(w, "NAME=VALUE");
        if (pairs.isEmpty()) {
            Token at = w.hasMore() ? w.peek() : w.end();
            throw Words.fail(at, "expected NAME=VALUE after '" + keyword.text() + "'"
                    + (w.hasMore() ? ", found '" + at.text() + "'" : ""));
        }
        return pairs;
    }

    /** The NAME=VALUE words from here on (stopping at the first other word). */
    static List<Token> pairs(Words w, String expected) {
        List<Token> out = new ArrayList<>();
        while (w.hasMore() && w.peek().isPair()) {
            Token t = w.next(expected);
            if (t.name().isEmpty() || t.name().chars().anyMatch(Character::isWhitespace)) {
                throw Words.fail(t, "'" + t.text() + "' has no valid name before '='");
            }
            if (t.name().startsWith("$")) {
                throw Words.fail(t, "'" + t.name() + "' is not supported here: ids of attribute sets and pairs "
                        + "are generated (write the object as xml to choose them)");
            }
            out.add(t);
        }
        return out;
    }
}
