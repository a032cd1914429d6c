package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources of a configuration taken apart: every primitive, group and clone is an entry of
 * its own (a container keeps its attributes and the ids of its members), so statements can
 * replace one resource, or regroup existing ones, and the section is put together again in order.
 * Bundles, templates and resources written as {@code xml} inside them stay whole ("opaque").
 * Mutable; used by one assembly only.
 */
final class ResourcePool {
    static final Set<String> RESOURCE_TAGS = Set.of("primitive", "group", "clone", "master", "bundle", "template");
    private static final Set<String> CONTAINERS = Set.of("group", "clone", "master");

    /** One resource: its element (a container's as last seen, members included) and its members' ids. */
    static final class Entry {
        final String id;
        XmlElement own;
        final List<String> members = new ArrayList<>();
        final boolean opaque;

        Entry(String id, XmlElement own, boolean opaque) {
            this.id = id;
            this.own = own;
            this.opaque = opaque;
        }

        String tag() {
            return own.name();
        }

        boolean isContainer() {
            return !opaque && CONTAINERS.contains(own.name());
        }
    }

    final Map<String, Entry> entries = new LinkedHashMap<>();
    final Map<String, String> parent = new HashMap<>();
    final List<String> top = new ArrayList<>();
    private int anonymous;

    /** The pool of an existing {@code <resources>} section (null: empty). */
    static ResourcePool of(XmlElement resources) {
        ResourcePool pool = new ResourcePool();
        if (resources != null) {
            for (XmlElement e : resources.elements()) {
                pool.top.add(pool.decompose(e, null));
            }
        }
        return pool;
    }

    private String decompose(XmlElement e, String parentId) {
        String id = e.attr("id");
        if (id == null || entries.containsKey(id)) {
            id = "#" + (anonymous++); // broken input is kept as it is, under a key no id can have
        }
        boolean container = CONTAINERS.contains(e.name()) && e.attr("id") != null;
        Entry entry = new Entry(id, e, !container && !e.name().equals("primitive"));
        entries.put(id, entry);
        if (parentId != null) {
            parent.put(id, parentId);
        }
        if (container) {
            for (XmlElement c : e.elements()) {
                if (RESOURCE_TAGS.contains(c.name())) {
                    entry.members.add(decompose(c, id));
                }
            }
        }
        return id;
    }

    /**
     * Adds a resource, or replaces the one with its id in place. A replaced container lets its
     * members go to the top level (a statement may link them again); resources nested in
     * {@code e} (written as xml) that exist elsewhere are moved into it.
     */
    void put(XmlElement e) {
        String id = e.attr("id");
        Entry old = entries.get(id);
        String oldParent = parent.get(id);
        Map<String, XmlElement> nested = new LinkedHashMap<>();
        for (XmlElement c : e.elements()) {
            collectResourceIds(c, nested);
        }
        if (old != null) {
            entries.remove(id);
            for (String m : old.members) {
                parent.remove(m);
                if (!nested.containsKey(m)) {
                    top.add(m);
                }
            }
        }
        for (String n : nested.keySet()) {
            detach(n, nested.keySet());
        }
        decompose(e, oldParent);
        if (old == null) {
            top.add(id);
        }
    }

    private void detach(String id, Set<String> keep) {
        Entry e = entries.remove(id);
        if (e == null) {
            return;
        }
        String p = parent.remove(id);
        if (p != null && entries.containsKey(p)) {
            entries.get(p).members.remove(id);
        }
        top.remove(id);
        for (String m : e.members) {
            parent.remove(m);
            if (!keep.contains(m)) {
                top.add(m);
            }
        }
    }

    /** Makes {@code member} the next member of {@code container}. */
    void link(String container, String member) {
        entries.get(container).members.add(member);
        parent.put(member, container);
        top.remove(member);
    }

    /** Every resource id at or below the entries, including those inside opaque ones. */
    void collectIds(Map<String, XmlElement> out) {
        for (Entry e : entries.values()) {
            if (e.opaque) {
                collectResourceIds(e.own, out);
            } else {
                out.putIfAbsent(e.id, e.own);
            }
        }
    }

    private static void collectResourceIds(XmlElement e, Map<String, XmlElement> out) {
        if (RESOURCE_TAGS.contains(e.name()) && e.attr("id") != null) {
            out.putIfAbsent(e.attr("id"), e);
        }
        for (XmlElement c : e.elements()) {
            collectResourceIds(c, out);
        }
    }

    /** The {@code <resources>} section: the top-level resources in order, members inside their containers. */
    XmlElement assemble(XmlElement section) {
        List<XmlNode> children = new ArrayList<>();
        for (String id : top) {
            children.add(build(id));
        }
        return section.withChildren(children);
    }

    /** A container with its members where they were (members that left dropped, new ones appended). */
    private XmlElement build(String id) {
        Entry e = entries.get(id);
        if (!e.isContainer()) {
            return e.own;
        }
        List<XmlNode> children = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        for (XmlNode n : e.own.children()) {
            if (n instanceof XmlElement c && RESOURCE_TAGS.contains(c.name())) {
                String member = c.attr("id");
                if (e.members.contains(member) && !placed.contains(member)) {
                    children.add(build(member));
                    placed.add(member);
                }
            } else {
                children.add(n);
            }
        }
        for (String m : e.members) {
            if (!placed.contains(m)) {
                children.add(build(m));
            }
        }
        return e.own.withChildren(children);
    }
}
