package dev.vigil.cib.crmsh;

import dev.vigil.cib.Spelling;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@code <configuration>} from parsed objects, either from nothing (replace: the old
 * configuration only lends its ids) or on top of an existing one (merge: objects with the same id
 * are replaced in place, new ones appended, property sets merged pair by pair). Checks what needs
 * the whole text: duplicate ids, group and clone members, resources named by constraints.
 * Used once per call.
 */
final class ConfigurationAssembler {
    private final XmlElement old;
    private final boolean merge;
    private final List<CrmError> errors;
    private final OldIndex index;
    private final ResourcePool pool;
    private final Map<String, Map<String, XmlNode>> sections = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Map<String, CrmObject> definedHere = new HashMap<>();
    private final Map<String, Token> nodesHere = new HashMap<>();
    private final Set<String> generatedResources = new HashSet<>();
    private final Set<XmlElement> generatedOthers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<XmlElement, Token> owners = new IdentityHashMap<>();
    private final Set<CrmObject> added = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Token> resourceOwners = new HashMap<>();
    private boolean fencingHere;
    private int anonymous;

    private ConfigurationAssembler(XmlElement old, boolean merge, List<CrmError> errors) {
        this.old = old;
        this.merge = merge;
        this.errors = errors;
        this.index = OldIndex.of(old);
        this.pool = ResourcePool.of(merge && old != null ? old.element("resources") : null);
        if (merge && old != null) {
            for (XmlElement s : old.elements()) {
                if (!s.name().equals("resources")) {
                    Map<String, XmlNode> m = section(s.name());
                    for (XmlNode n : s.children()) {
                        m.put(n instanceof XmlElement e && e.attr("id") != null && !m.containsKey(e.attr("id"))
                                ? e.attr("id") : "#" + (anonymous++), n);
                    }
                }
            }
        }
    }

    /**
     * The configuration, or null when {@code errors} got entries.
     *
     * @param old   the configuration replaced or merged into (null: none)
     * @param merge whether to merge into {@code old} rather than replace it
     */
    static XmlElement assemble(XmlElement old, boolean merge, List<CrmObject> objects, List<CrmError> errors) {
        ConfigurationAssembler a = new ConfigurationAssembler(old, merge, errors);
        int before = errors.size();
        for (CrmObject o : objects) {
            a.add(o);
        }
        for (CrmObject o : objects) {
            if (o.kind() == CrmObject.Kind.GROUP || o.kind() == CrmObject.Kind.CLONE) {
                a.link(o);
            }
        }
        a.checkReferences(objects);
        if (errors.size() > before) {
            return null;
        }
        XmlElement conf = Sections.build(a.old, a.merge, a.touched, a.sections, a.pool);
        XmlElement result = new IdFinalizer(a.index, a.generatedResources, a.generatedOthers, a.resourceOwners,
                a.owners, errors).run(conf);
        return errors.size() > before ? null : result;
    }

    private Map<String, XmlNode> section(String name) {
        return sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    private void add(CrmObject o) {
        switch (o.kind()) {
            case NODE -> node(o);
            case NVSET -> nvset(o);
            case FENCING -> fencing(o);
            default -> {
                if (!claim(o)) {
                    return;
                }
                if (o.isResource()) {
                    resource(o);
                } else {
                    other(o);
                }
            }
        }
    }

    /** Records an object id defined by this text; a second definition is an error. */
    private boolean claim(CrmObject o) {
        CrmObject first = definedHere.putIfAbsent(o.id(), o);
        if (first != null) {
            errors.add(CrmError.at(o.at(), "duplicate id '" + o.id() + "': " + describe(first.element())
                    + " already has it (line " + first.at().line() + ")"));
            return false;
        }
        return true;
    }

    private void resource(CrmObject o) {
        ResourcePool.Entry existing = pool.entries.get(o.id());
        String tag = o.element().name();
        if (existing != null && !existing.tag().equals(tag)
                && !(existing.tag().equals("master") && tag.equals("clone"))) {
            errors.add(CrmError.at(o.at(), "'" + o.id() + "' is already a " + existing.tag() + "; delete it before "
                    + "defining a " + tag + " with that id"));
            return;
        }
        touched.add("resources");
        pool.put(o.element());
        added.add(o);
        resourceOwners.put(o.id(), o.at());
        if (o.kind() != CrmObject.Kind.RAW) {
            generatedResources.add(o.id());
        }
    }

    private void other(CrmObject o) {
        touched.add(o.section());
        Map<String, XmlNode> m = section(o.section());
        XmlNode existing = m.get(o.id());
        if (existing instanceof XmlElement e && !e.name().equals(o.element().name())) {
            errors.add(CrmError.at(o.at(), "'" + o.id() + "' is already a " + e.name() + "; delete it before "
                    + "defining a " + o.element().name() + " with that id"));
            return;
        }
        m.put(o.id() == null ? "#" + (anonymous++) : o.id(), o.element());
        owners.put(o.element(), o.at());
        if (o.kind() != CrmObject.Kind.RAW) {
            generatedOthers.add(o.element());
        }
    }

    private void node(CrmObject o) {
        XmlElement e = o.element();
        String id = o.id();
        String known = index.nodeId(e.attr("uname"));
        if (!o.explicitId() && known != null && !known.equals(id)) {
            e = NodeIds.renamed(e, known);
            id = known;
        }
        Token first = nodesHere.putIfAbsent(id, o.at());
        Token firstName = nodesHere.putIfAbsent("\u0000" + e.attr("uname"), o.at());
        if (first != null || firstName != null) {
            Token t = first != null ? first : firstName;
            errors.add(CrmError.at(o.at(), "node '" + e.attr("uname") + "' is defined twice (first on line "
                    + t.line() + ")"));
            return;
        }
        touched.add("nodes");
        section("nodes").put(id, e);
        owners.put(e, o.at());
        generatedOthers.add(e);
    }

    private void nvset(CrmObject o) {
        touched.add(o.section());
        Map<String, XmlNode> m = section(o.section());
        XmlNode existing = m.get(o.id());
        XmlElement e = existing instanceof XmlElement x && x.name().equals(o.element().name())
                ? Pairs.merged(x, o.element()) : o.element();
        if (existing instanceof XmlElement x && !x.name().equals(o.element().name())) {
            errors.add(CrmError.at(o.at(), "'" + o.id() + "' is already a " + x.name() + " in " + o.section()));
            return;
        }
        if (existing != null) {
            generatedOthers.remove(existing);
        }
        m.put(o.id(), e);
        owners.put(e, o.at());
        generatedOthers.add(e);
    }

    private void fencing(CrmObject o) {
        if (fencingHere) {
            errors.add(CrmError.at(o.at(), "fencing_topology is given twice; write all levels in one statement"));
            return;
        }
        fencingHere = true;
        touched.add("fencing-topology");
        Map<String, XmlNode> m = section("fencing-topology");
        m.clear();
        for (XmlNode n : o.element().children()) {
            if (!(n instanceof XmlElement level)) {
                m.put("#" + (anonymous++), n);
                continue;
            }
            m.put(level.attr("id"), level);
            owners.put(level, o.at());
            generatedOthers.add(level);
        }
    }

    /** Puts the members of a group or clone statement into it. */
    private void link(CrmObject o) {
        if (!added.contains(o)) {
            return; // an error was reported
        }
        boolean group = o.kind() == CrmObject.Kind.GROUP;
        for (Token m : o.members()) {
            ResourcePool.Entry member = pool.entries.get(m.text());
            if (member == null) {
                errors.add(CrmError.at(m, (group ? "group '" : "clone '") + o.id() + "' refers to unknown resource '"
                        + m.text() + "'" + Spelling.suggest(m.text(), primitiveIds())));
                continue;
            }
            String tag = member.tag();
            boolean fits = group ? tag.equals("primitive") : tag.equals("primitive") || tag.equals("group");
            if (!fits) {
                errors.add(CrmError.at(m, "'" + m.text() + "' is a " + tag + "; a " + (group ? "group holds only "
                        + "primitives" : "clone holds one primitive or group")));
                continue;
            }
            String parent = pool.parent.get(m.text());
            if (parent != null && !parent.equals(o.id())) {
                errors.add(CrmError.at(m, "resource '" + m.text() + "' is already in " + pool.entries.get(parent).tag()
                        + " '" + parent + "'" + where(parent)));
                continue;
            }
            if (m.text().equals(o.id())) {
                errors.add(CrmError.at(m, "'" + o.id() + "' cannot contain itself"));
                continue;
            }
            pool.link(o.id(), m.text());
        }
    }

    private String where(String id) {
        CrmObject o = definedHere.get(id);
        return o == null ? "" : " (line " + o.at().line() + ")";
    }

    private Set<String> primitiveIds() {
        Set<String> out = new LinkedHashSet<>();
        pool.entries.values().forEach(e -> out.add(e.id));
        return out;
    }

    private void checkReferences(List<CrmObject> objects) {
        Map<String, XmlElement> known = new HashMap<>();
        pool.collectIds(known);
        for (XmlNode n : sections.getOrDefault("tags", Map.of()).values()) {
            if (n instanceof XmlElement t && t.attr("id") != null) {
                known.put(t.attr("id"), t);
            }
        }
        for (CrmObject o : objects) {
            for (Token r : o.references()) {
                String id = r.text().contains(":") ? r.text().substring(0, r.text().indexOf(':')) : r.text();
                if (!known.containsKey(id)) {
                    errors.add(new CrmError(r.line(), r.column(), r.text(), o.element().name().replace("rsc_", "")
                            + " '" + o.id() + "' refers to unknown resource '" + id + "'"
                            + Spelling.suggest(id, known.keySet())));
                }
            }
        }
    }

    private static String describe(XmlElement e) {
        return e.name().replace("rsc_", "") + " '" + e.attr("id") + "'";
    }
}
