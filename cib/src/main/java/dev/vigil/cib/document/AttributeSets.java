package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sets or deletes one {@code nvpair} among an element's attribute blocks ({@code meta_attributes},
 * {@code instance_attributes}) the way Pacemaker's tools do: an existing pair of that name is
 * updated in place, otherwise the pair goes into the first block, which is created when there is
 * none. Only plain blocks are touched: a block that is an {@code id-ref} or holds a
 * {@code <rule>} belongs to someone else's design. Heartbeat 2.0's {@code <attributes>} wrapper
 * is followed. Stateless.
 */
final class AttributeSets {
    private static final Set<String> CHILD_RESOURCES = Set.of("primitive", "group", "clone", "master", "bundle");

    private AttributeSets() {
    }

    /**
     * {@code owner} with {@code name} set to {@code value} (deleted when {@code value} is null) in
     * its {@code setTag} blocks; new ids are made from {@code setIdBase} and {@code pairIdBase}
     * and kept out of (then added to) {@code taken}.
     */
    static XmlElement set(XmlElement owner, String setTag, String name, String value, String setIdBase,
            String pairIdBase, Set<String> taken) {
        if (value == null) {
            XmlElement out = owner;
            for (XmlElement block : plainBlocks(owner, setTag)) {
                out = Trees.upsert(out, e -> e == block, null,
                        b -> withPairs(b, pairs -> Trees.removeAll(pairs, named(name))));
            }
            return out;
        }
        for (XmlElement block : plainBlocks(owner, setTag)) {
            if (Trees.child(pairs(block), named(name)).isPresent()) {
                return Trees.upsert(owner, e -> e == block, null, b -> withPairs(b,
                        pairs -> Trees.upsert(pairs, named(name), null, p -> p.withAttribute("value", value))));
            }
        }
        XmlElement pair = Trees.element("nvpair", "id", Trees.uniqueId(taken, pairIdBase), "name", name,
                "value", value);
        List<XmlElement> blocks = plainBlocks(owner, setTag);
        if (!blocks.isEmpty()) {
            XmlElement first = blocks.get(0);
            return Trees.upsert(owner, e -> e == first, null, b -> withPairs(b, pairs -> Trees.append(pairs, pair)));
        }
        XmlElement block = Trees.append(Trees.element(setTag, "id", Trees.uniqueId(taken, setIdBase)), pair);
        return insertBeforeChildResources(owner, block);
    }

    /** The value of {@code name} in {@code owner}'s plain {@code setTag} blocks, or null. */
    static String get(XmlElement owner, String setTag, String name) {
        for (XmlElement block : plainBlocks(owner, setTag)) {
            var pair = Trees.child(pairs(block), named(name));
            if (pair.isPresent()) {
                return pair.get().attr("value");
            }
        }
        return null;
    }

    private static List<XmlElement> plainBlocks(XmlElement owner, String setTag) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement b : owner.elements(setTag)) {
            if (b.attr("id-ref") == null && b.element("rule") == null) {
                out.add(b);
            }
        }
        return out;
    }

    private static java.util.function.Predicate<XmlElement> named(String name) {
        return e -> e.name().equals("nvpair") && name.equals(e.attr("name"));
    }

    /** Where a block's pairs are: the block, or its legacy {@code <attributes>} wrapper. */
    private static XmlElement pairs(XmlElement block) {
        XmlElement legacy = block.element("attributes");
        return legacy != null ? legacy : block;
    }

    private static XmlElement withPairs(XmlElement block, java.util.function.UnaryOperator<XmlElement> edit) {
        if (block.element("attributes") != null) {
            return Trees.upsert(block, Trees.named("attributes"), null, edit);
        }
        return edit.apply(block);
    }

    /** A group or clone lists its attribute blocks before the resources inside it (Pacemaker's schema). */
    private static XmlElement insertBeforeChildResources(XmlElement owner, XmlElement block) {
        List<XmlNode> children = new ArrayList<>(owner.children());
        int at = children.size();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof XmlElement e && CHILD_RESOURCES.contains(e.name())) {
                at = i;
                break;
            }
        }
        children.add(at, block);
        return owner.withChildren(children);
    }
}
