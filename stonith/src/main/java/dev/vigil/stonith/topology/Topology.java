package dev.vigil.stonith.topology;

import dev.vigil.core.model.FencingLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which {@code fencing-topology} levels apply to a node. Levels that name the node in
 * {@code target} win; otherwise the levels of the first {@code target-pattern} (in document
 * order) that matches the node name, as a POSIX extended regular expression searched anywhere in
 * the name (anchor it with {@code ^...$} to match whole names). The levels are returned in
 * ascending {@code index}. Levels selected by {@code target-attribute} are not supported.
 * Stateless.
 */
public final class Topology {
    private Topology() {
    }

    /** The levels for {@code node}, sorted by index; empty when the node has no topology. */
    public static List<FencingLevel> levelsFor(List<FencingLevel> all, String node) {
        List<FencingLevel> out = new ArrayList<>();
        for (FencingLevel l : all) {
            if (node.equals(l.target())) {
                out.add(l);
            }
        }
        if (out.isEmpty()) {
            String pattern = null;
            for (FencingLevel l : all) {
                if (l.target() == null && l.targetPattern() != null && matches(l.targetPattern(), node)) {
                    pattern = l.targetPattern();
                    break;
                }
            }
            for (FencingLevel l : all) {
                if (pattern != null && l.target() == null && pattern.equals(l.targetPattern())) {
                    out.add(l);
                }
            }
        }
        out.sort(Comparator.comparingInt(FencingLevel::index));
        return List.copyOf(out);
    }

    /** Problems of the topology that make levels unusable (bad patterns, bad indexes, no devices). */
    public static List<String> problems(List<FencingLevel> all) {
        List<String> out = new ArrayList<>();
        for (FencingLevel l : all) {
            if (l.target() == null && l.targetPattern() == null) {
                out.add("fencing-level '" + l.id() + "' has neither target nor target-pattern (target-attribute is"
                        + " not supported) and applies to no node");
            }
            if (l.targetPattern() != null) {
                try {
                    Pattern.compile(l.targetPattern());
                } catch (PatternSyntaxException e) {
                    out.add("fencing-level '" + l.id() + "' has an invalid target-pattern '" + l.targetPattern()
                            + "': " + e.getDescription());
                }
            }
            if (l.index() < 1 || l.index() > 9) {
                out.add("fencing-level '" + l.id() + "' has index " + l.index() + " (expected 1 to 9)");
            }
            if (l.devices().isEmpty()) {
                out.add("fencing-level '" + l.id() + "' lists no devices");
            }
        }
        return List.copyOf(out);
    }

    private static boolean matches(String pattern, String node) {
        try {
            return Pattern.compile(pattern).matcher(node).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
