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

/** The resource statements: {@code primitive}, {@code group}, {@code clone} and {@code ms}. Stateless. */
final class ResourceStatements {
    /** Resource classes a primitive may name (as the CIB reader accepts them). */
    static final List<String> CLASSES = List.of("ocf", "lsb", "service", "systemd", "stonith", "heartbeat", "upstart",
            "nagios");
    private static final List<String> PRIMITIVE_BLOCKS = List.of("params", "meta", "utilization", "op", "operations");
    private static final List<String> CONTAINER_BLOCKS = List.of("params", "meta");

    private ResourceStatements() {
    }

    /**
     * {@code primitive ID [CLASS:[PROVIDER:]]TYPE|@TEMPLATE [description=TEXT] [[params] NAME=VALUE…]
     * [meta NAME=VALUE…] [utilization NAME=VALUE…] [operations $id=ID] [op NAME NAME=VALUE…]…}.
     */
    static CrmObject primitive(Statement s) {
        Words w = new Words(s);
        Token id = w.id("primitive id");
        Token agent = w.next("the resource agent (CLASS:PROVIDER:TYPE, e.g. ocf:heartbeat:IPaddr2)");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id.text());
        agent(agent, attrs);
        Set<String> taken = new HashSet<>();
        taken.add(id.text());
        List<Token> params = new ArrayList<>();
        List<Token> meta = new ArrayList<>();
        List<Token> utilization = new ArrayList<>();
        List<XmlNode> ops = new ArrayList<>();
        String operationsId = null;
        description(w, attrs);
        params.addAll(StatementParser.pairs(w, "NAME=VALUE"));
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.is("params")) {
                params.addAll(StatementParser.block(w, t));
            } else if (t.is("meta")) {
                meta.addAll(StatementParser.block(w, t));
            } else if (t.is("utilization")) {
                utilization.addAll(StatementParser.block(w, t));
            } else if (t.is("op")) {
                ops.add(op(w, id.text(), taken));
            } else if (t.is("operations")) {
                Token idPair = w.next("$id=ID after 'operations'");
                if (!idPair.isPair() || !idPair.name().equals("$id") || !Ids.isValid(idPair.value())) {
                    throw Words.fail(idPair, "expected $id=ID after 'operations', found '" + idPair.text() + "'");
                }
                operationsId = idPair.value();
                taken.add(operationsId);
            } else {
                throw unexpected(t, "primitive", PRIMITIVE_BLOCKS);
            }
        }
        List<XmlNode> children = Elements.comments(s);
        addSet(children, "instance_attributes", id.text(), params, taken);
        addSet(children, "meta_attributes", id.text(), meta, taken);
        addSet(children, "utilization", id.text(), utilization, taken);
        if (!ops.isEmpty() || operationsId != null) {
            children.add(Elements.element("operations", operationsId == null ? Map.of() : Map.of("id", operationsId),
                    ops));
        }
        XmlElement e = Elements.element("primitive", attrs, children);
        return new CrmObject(CrmObject.Kind.PRIMITIVE, id.text(), id, e, List.of(), List.of(), "resources", true);
    }

    /** {@code group ID RSC… [description=TEXT] [params NAME=VALUE…] [meta NAME=VALUE…]}. */
    static CrmObject group(Statement s) {
        Words w = new Words(s);
        Token id = w.id("group id");
        List<Token> members = new ArrayList<>();
        while (w.hasMore() && !w.peek().isPair() && !CONTAINER_BLOCKS.contains(w.peek().text())) {
            Token m = w.id("resource id");
            for (Token earlier : members) {
                if (earlier.text().equals(m.text())) {
                    throw Words.fail(m, "resource '" + m.text() + "' is listed twice in group '" + id.text() + "'");
                }
            }
            members.add(m);
        }
        if (members.isEmpty()) {
            throw Words.fail(w.hasMore() ? w.peek() : w.end(), "group '" + id.text() + "' lists no resources");
        }
        return container(s, w, "group", id, members, false);
    }

    /** {@code clone ID RSC …} and {@code ms ID RSC …} (a promotable clone, as Pacemaker 3 writes it). */
    static CrmObject clone(Statement s, boolean promotable) {
        Words w = new Words(s);
        Token id = w.id((promotable ? "ms" : "clone") + " id");
        Token child = w.id("resource id (the primitive or group to clone)");
        Token extra = w.peek();
        if (extra != null && !extra.isPair() && !CONTAINER_BLOCKS.contains(extra.text())) {
            throw Words.fail(extra, "a clone has one resource; found a second one, '" + extra.text()
                    + "' (put them in a group and clone the group)");
        }
        return container(s, w, "clone", id, List.of(child), promotable);
    }

    private static CrmObject container(Statement s, Words w, String tag, Token id, List<Token> members,
            boolean promotable) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id.text());
        description(w, attrs);
        List<Token> params = new ArrayList<>();
        List<Token> meta = new ArrayList<>();
        if (promotable) {
            meta.add(new Token("promotable=true", id.line(), id.column(), false, "promotable".length()));
        }
        while (w.hasMore()) {
            Token t = w.next("");
            if (t.is("params")) {
                params.addAll(StatementParser.block(w, t));
            } else if (t.is("meta")) {
                List<Token> pairs = StatementParser.block(w, t);
                if (promotable && pairs.stream().anyMatch(p -> p.name().equals("promotable"))) {
                    meta.remove(0);
                    promotable = false;
                }
                meta.addAll(pairs);
            } else {
                throw unexpected(t, tag, CONTAINER_BLOCKS);
            }
        }
        Set<String> taken = new HashSet<>();
        taken.add(id.text());
        List<XmlNode> children = Elements.comments(s);
        addSet(children, "instance_attributes", id.text(), params, taken);
        addSet(children, "meta_attributes", id.text(), meta, taken);
        XmlElement e = Elements.element(tag, attrs, children);
        return new CrmObject(tag.equals("group") ? CrmObject.Kind.GROUP : CrmObject.Kind.CLONE, id.text(), id, e,
                members, List.of(), "resources", true);
    }

    private static void description(Words w, Map<String, String> attrs) {
        Token t = w.peek();
        if (t != null && t.isPair() && t.name().equals("description")) {
            w.next("");
            attrs.put("description", t.value());
        }
    }

    /** {@code op NAME NAME=VALUE…}; the id is {@code RSC-NAME-INTERVAL} (or {@code RSC-NAME}). */
    private static XmlElement op(Words w, String rsc, Set<String> taken) {
        Token name = w.next("the operation name after 'op' (e.g. monitor)");
        if (name.isPair() || !Ids.isValid(name.text())) {
            throw Words.fail(name, "expected an operation name after 'op' (e.g. 'op monitor interval=10s'), found '"
                    + name.text() + "'");
        }
        List<Token> pairs = StatementParser.pairs(w, "NAME=VALUE");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", "");
        attrs.put("name", name.text());
        String interval = null;
        for (Token p : pairs) {
            if (p.name().equals("id") || p.name().equals("name")) {
                throw Words.fail(p, "'" + p.name() + "' cannot be set on an op");
            }
            attrs.put(p.name(), p.value());
            if (p.name().equals("interval")) {
                interval = p.value();
            }
        }
        String base = Ids.join(rsc, name.text());
        attrs.put("id", Ids.free(interval == null ? base : Ids.join(base, interval), taken));
        return Elements.element("op", attrs, List.of());
    }

    /** Sets class, provider and type (or template) from {@code ocf:heartbeat:IPaddr2}, {@code stonith:fence_x}, {@code IPaddr2}, {@code @tmpl}. */
    private static void agent(Token agent, Map<String, String> attrs) {
        String text = agent.text();
        if (agent.isPair()) {
            throw Words.fail(agent, "expected the resource agent (e.g. ocf:heartbeat:IPaddr2) after the id, found '"
                    + text + "'");
        }
        if (text.startsWith("@")) {
            if (!Ids.isValid(text.substring(1))) {
                throw Words.fail(agent, "'" + text + "' does not name a valid template id");
            }
            attrs.put("template", text.substring(1));
            return;
        }
        String[] parts = text.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw Words.fail(agent, "'" + text + "' is not a resource agent (expected CLASS:PROVIDER:TYPE, "
                        + "CLASS:TYPE or TYPE, e.g. ocf:heartbeat:IPaddr2)");
            }
        }
        if (parts.length > 3) {
            throw Words.fail(agent, "'" + text + "' has too many ':' (expected CLASS:PROVIDER:TYPE)");
        }
        String cls = parts.length == 1 ? "ocf" : parts[0];
        if (parts.length > 1 && !CLASSES.contains(cls)) {
            throw Words.fail(agent, "unknown resource class '" + cls + "'" + Spelling.suggest(cls, CLASSES)
                    + " (expected one of " + String.join(", ", CLASSES) + ")");
        }
        if (parts.length == 2 && cls.equals("ocf")) {
            throw Words.fail(agent, "an ocf agent needs a provider: write ocf:PROVIDER:" + parts[1]
                    + " (e.g. ocf:heartbeat:" + parts[1] + ")");
        }
        if (parts.length == 3 && !cls.equals("ocf")) {
            throw Words.fail(agent, "only ocf agents have a provider; write " + cls + ":" + parts[2]);
        }
        attrs.put("class", cls);
        if (parts.length == 3 || parts.length == 1) {
            attrs.put("provider", parts.length == 3 ? parts[1] : "heartbeat");
        }
        attrs.put("type", parts[parts.length - 1]);
    }

    private static void addSet(List<XmlNode> children, String tag, String owner, List<Token> pairs, Set<String> taken) {
        if (!pairs.isEmpty()) {
            children.add(Elements.nvset(tag, Ids.free(owner + "-" + tag, taken), pairs, taken));
        }
    }

    private static StatementError unexpected(Token t, String what, List<String> blocks) {
        String hint = t.isPair() ? " (NAME=VALUE pairs go after 'params' or 'meta')" : Spelling.suggest(t.text(), blocks);
        return Words.fail(t, "unexpected '" + t.text() + "' in " + what + "; expected one of: "
                + String.join(", ", blocks) + hint);
    }
}
