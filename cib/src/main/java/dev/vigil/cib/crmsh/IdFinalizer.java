package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the nested elements of objects defined by statements (attribute sets, pairs, ops, rules,
 * expressions, fencing levels) their final ids: the id the same element had in the old
 * configuration when it is free, otherwise the crmsh-style id the parser proposed, made unique
 * with {@code -0}, {@code -1}… Ids written by the user (object ids, ids inside {@code xml}) and
 * ids of untouched objects never change; two of them being equal is an error. Used once.
 */
final class IdFinalizer {
    private final OldIndex old;
    private final Set<String> generatedResources;
    private final Set<XmlElement> generatedOthers;
    private final Map<String, Token> resourceOwners;
    private final Map<XmlElement, Token> owners;
    private final List<CrmError> errors;
    private final Set<String> taken = new HashSet<>();
    private final Map<String, Token> fixedBy = new HashMap<>();
    private final Map<XmlElement, String> adopted = new IdentityHashMap<>();
    /** The old element each generated element stands for, to keep its spelling (attribute order, boolean-op). */
    private final Map<XmlElement, XmlElement> counterparts = new IdentityHashMap<>();
    /** Elements whose {@code id} attribute refers to another element rather than naming this one. */
    private static final Set<String> REFERENCES = Set.of("resource_ref", "obj_ref", "role");
    private final List<Root> roots = new ArrayList<>();

    private record Root(XmlElement element, String section) {
    }

    /**
     * @param generatedResources ids of resources defined by statements
     * @param generatedOthers    the other elements defined by statements (identity)
     * @param resourceOwners     the word to point at for a resource of the text, by id
     * @param owners             the word to point at for another object of the text (identity)
     */
    IdFinalizer(OldIndex old, Set<String> generatedResources, Set<XmlElement> generatedOthers,
            Map<String, Token> resourceOwners, Map<XmlElement, Token> owners, List<CrmError> errors) {
        this.old = old;
        this.generatedResources = generatedResources;
        this.generatedOthers = generatedOthers;
        this.resourceOwners = resourceOwners;
        this.owners = owners;
        this.errors = errors;
    }

    XmlElement run(XmlElement configuration) {
        for (XmlElement section : configuration.elements()) {
            walk(section, section.name(), 0, null, null, false);
        }
        for (Root r : roots) {
            XmlElement before = old.counterpart(r.section(), r.element());
            if (before != null) {
                counterparts.put(r.element(), before);
                if (r.element().name().equals("fencing-level")) {
                    adopt(r.element(), before);
                }
                adoptChildren(r.element(), before);
            }
        }
        List<XmlNode> sections = new ArrayList<>();
        for (XmlNode n : configuration.children()) {
            sections.add(n instanceof XmlElement s ? walk(s, s.name(), 0, null, null, true) : n);
        }
        return configuration.withChildren(sections);
    }

    /**
     * Visits {@code e} (depth 0: a section): first to record fixed ids and the generated roots,
     * then ({@code apply}) to return it with the final ids.
     */
    private XmlElement walk(XmlElement e, String section, int depth, XmlElement root, Token owner, boolean apply) {
        boolean isRoot = depth > 0 && (section.equals("resources")
                ? ResourcePool.RESOURCE_TAGS.contains(e.name()) : depth == 1);
        boolean nested = false;
        if (isRoot) {
            boolean generated = section.equals("resources")
                    ? generatedResources.contains(e.attr("id")) : generatedOthers.contains(e);
            Token t = section.equals("resources") ? resourceOwners.get(e.attr("id")) : owners.get(e);
            owner = t != null ? t : (section.equals("resources") ? owner : null);
            root = generated ? e : null;
            nested = generated && e.name().equals("fencing-level");
            if (generated && !apply) {
                roots.add(new Root(e, section));
            }
        } else {
            nested = root != null;
        }
        String id = REFERENCES.contains(e.name()) ? null : e.attr("id");
        XmlElement out = e;
        if (id != null && depth > 0) {
            if (!apply && !nested) {
                fix(id, owner);
            } else if (apply && nested) {
                String chosen = adopted.containsKey(e) ? adopted.get(e) : Ids.free(id, taken);
                out = chosen.equals(id) ? e : e.withAttribute("id", chosen);
            }
        }
        XmlElement before = apply ? counterparts.get(e) : null;
        if (before != null) {
            out = respelt(out, before);
        }
        if (!apply) {
            for (XmlElement c : e.elements()) {
                walk(c, section, depth + 1, root, owner, false);
            }
            return e;
        }
        boolean changed = out != e;
        List<XmlNode> children = new ArrayList<>(e.children().size());
        for (XmlNode n : e.children()) {
            XmlNode c = n instanceof XmlElement ce ? walk(ce, section, depth + 1, root, owner, true) : n;
            changed |= c != n;
            children.add(c);
        }
        return changed ? out.withChildren(children) : e;
    }

    private void fix(String id, Token owner) {
        if (taken.add(id)) {
            fixedBy.put(id, owner);
            return;
        }
        Token first = fixedBy.get(id);
        if (owner != null) {
            errors.add(CrmError.at(owner, "duplicate id '" + id + "'" + (first != null && first != owner
                    ? " (already used on line " + first.line() + ")" : " (already used in the configuration)")));
        } else if (first != null) {
            errors.add(CrmError.at(first, "duplicate id '" + id + "' (already used in the configuration)"));
        }
    }

    private void adoptChildren(XmlElement fresh, XmlElement before) {
        Set<XmlElement> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Integer> seen = new HashMap<>();
        for (XmlElement c : fresh.elements()) {
            if (ResourcePool.RESOURCE_TAGS.contains(c.name())) {
                continue;
            }
            int index = seen.merge(c.name(), 1, Integer::sum) - 1;
            XmlElement match = match(c, before, index, used);
            if (match != null) {
                used.add(match);
                adopt(c, match);
                counterparts.put(c, match);
                adoptChildren(c, match);
            }
        }
    }

    private void adopt(XmlElement fresh, XmlElement before) {
        String id = before.attr("id");
        if (id != null && !taken.contains(id)) {
            taken.add(id);
            adopted.put(fresh, id);
        }
    }

    /**
     * {@code e} written as {@code before} was when it means the same: the attributes in the old
     * order, a rule's {@code boolean-op} present or left out as before ("and" is the default).
     */
    private static XmlElement respelt(XmlElement e, XmlElement before) {
        XmlElement out = e.name().equals("rule") ? booleanOp(e, before) : e;
        Map<String, String> now = out.attributes();
        if (now.equals(before.attributes()) && !List.copyOf(now.keySet()).equals(List.copyOf(before.attributes()
                .keySet()))) {
            return new XmlElement(out.name(), before.attributes(), out.children(), out.line());
        }
        return out;
    }

    private static XmlElement booleanOp(XmlElement rule, XmlElement before) {
        String now = rule.attr("boolean-op");
        String then = before.attr("boolean-op");
        boolean single = rule.elements().size() <= 1;
        if (java.util.Objects.equals(now, then) || (!single && !rule.attr("boolean-op", "and")
                .equals(before.attr("boolean-op", "and")))) {
            return rule;
        }
        java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>(rule.attributes());
        attrs.remove("boolean-op");
        if (then != null) {
            attrs.put("boolean-op", then);
        }
        return new XmlElement(rule.name(), attrs, rule.children(), rule.line());
    }

    /** The old element that {@code c} (the index-th of its tag among its siblings) stands for. */
    private static XmlElement match(XmlElement c, XmlElement before, int index, Set<XmlElement> used) {
        List<XmlElement> candidates = new ArrayList<>(before.elements(c.name()));
        if (c.name().equals("nvpair")) {
            XmlElement legacy = before.element("attributes");
            if (legacy != null) {
                candidates.addAll(legacy.elements("nvpair"));
            }
            return candidates.stream().filter(o -> !used.contains(o) && c.attr("name", "").equals(o.attr("name")))
                    .findFirst().orElse(null);
        }
        if (c.name().equals("op")) {
            return candidates.stream().filter(o -> !used.contains(o) && c.attr("name", "").equals(o.attr("name"))
                    && sameInterval(c.attr("interval"), o.attr("interval"))
                    && c.attr("role", "").equals(o.attr("role", ""))).findFirst().orElse(null);
        }
        return index < candidates.size() ? candidates.get(index) : null;
    }

    private static boolean sameInterval(String a, String b) {
        try {
            return dev.vigil.core.model.Durations.parseMillis(a == null ? "0" : a)
                    == dev.vigil.core.model.Durations.parseMillis(b == null ? "0" : b);
        } catch (IllegalArgumentException e) {
            return String.valueOf(a).equals(String.valueOf(b));
        }
    }
}
