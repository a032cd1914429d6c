package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlComment;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the language can say exactly: the renderer writes an element as a statement only when
 * these checks pass (parsing the statement gives the element back), and as {@code xml} otherwise.
 * Stateless.
 */
final class Checks {
    private Checks() {
    }

    /** Whether {@code e} has no attributes but {@code allowed}. */
    static boolean attributesWithin(XmlElement e, Set<String> allowed) {
        return allowed.containsAll(e.attributes().keySet());
    }

    /**
     * Whether the children of an object are comments and at most one of each of {@code tags}
     * (plus, when {@code resources} is true, any number of resources).
     */
    static boolean childrenWithin(XmlElement e, Set<String> tags, boolean resources) {
        Map<String, Integer> count = new HashMap<>();
        for (XmlNode n : e.children()) {
            if (n instanceof XmlComment) {
                continue;
            }
            if (!(n instanceof XmlElement c)) {
                return false;
            }
            if (resources && ResourcePool.RESOURCE_TAGS.contains(c.name())) {
                continue;
            }
            if (!tags.contains(c.name()) || count.merge(c.name(), 1, Integer::sum) > 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether a name/value block is plain: an id and pairs with names and values the language can write. */
    static boolean isPlainSet(XmlElement set) {
        return isPlainSet(set, false);
    }

    /** As {@link #isPlainSet(XmlElement)}; a block that is an object itself may hold comments (written before it). */
    static boolean isPlainSet(XmlElement set, boolean comments) {
        if (set == null) {
            return true;
        }
        if (!attributesWithin(set, Set.of("id"))) {
            return false;
        }
        for (XmlNode n : set.children()) {
            if (n instanceof XmlElement c && c.name().equals("attributes") && c.attributes().isEmpty()) {
                if (!c.children().stream().allMatch(Checks::isPlainPair)) {
                    return false;
                }
            } else if (!isPlainPair(n) && !(comments && n instanceof XmlComment)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an object's block is absent, or plain and not empty (an empty block would not come back). */
    static boolean isBlock(XmlElement set) {
        return set == null || (isPlainSet(set) && !pairs(set).isEmpty());
    }

    private static boolean isPlainPair(XmlNode n) {
        return n instanceof XmlElement p && p.name().equals("nvpair") && p.children().isEmpty()
                && attributesWithin(p, Set.of("id", "name", "value")) && TextFormat.isPairName(p.attr("name"))
                && p.attr("value") != null && TextFormat.isWritable(p.attr("value"));
    }

    /** The pairs of a plain block, in order (following Heartbeat 2.0's {@code <attributes>} wrapper). */
    static List<XmlElement> pairs(XmlElement set) {
        List<XmlElement> out = new java.util.ArrayList<>();
        for (XmlElement c : set.elements()) {
            if (c.name().equals("attributes")) {
                out.addAll(c.elements("nvpair"));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether an op has only attributes the language can write. */
    static boolean isPlainOp(XmlElement op) {
        if (!op.name().equals("op") || !op.children().isEmpty() || op.attr("name") == null
                || !Ids.isValid(op.attr("name"))) {
            return false;
        }
        for (Map.Entry<String, String> a : op.attributes().entrySet()) {
            if (!a.getKey().equals("id") && (!TextFormat.isPairName(a.getKey()) || !TextFormat.isWritable(a.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a score the parser reads back as written. */
    static boolean isScore(String s) {
        return s != null && dev.vigil.core.model.Score.isValid(s) && TextFormat.isBare(s);
    }

    static boolean isId(String s) {
        return Ids.isValid(s);
    }

    static boolean isRole(String s) {
        return s == null || ConstraintStatements.ROLES.stream().anyMatch(r -> r.equalsIgnoreCase(s))
                && TextFormat.isBare(s);
    }
}
