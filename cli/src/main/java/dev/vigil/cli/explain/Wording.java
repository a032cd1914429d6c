package dev.vigil.cli.explain;

import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.PlacementFacts.LocationFact;
import dev.vigil.core.scheduler.PlacementFacts.NodeFact;

/** The sentences {@code vigil explain} uses for nodes and location constraints, and the fixes it suggests. Stateless. */
final class Wording {
    private static final String PREFER = "cli-prefer-";
    private static final String BAN = "cli-ban-";

    private Wording() {
    }

    /** Why a node cannot run resources. */
    static String nodeState(NodeFact n) {
        if (n.unclean()) {
            return n.name() + " is UNCLEAN (it must be fenced first)";
        }
        if (!n.online()) {
            return n.pending() ? n.name() + " is pending (still joining)" : n.name() + " is OFFLINE";
        }
        if (n.pending()) {
            return n.name() + " is pending (still joining)";
        }
        if (n.maintenance()) {
            return n.name() + " is in maintenance mode";
        }
        if (n.standby()) {
            return n.name() + " is in standby";
        }
        if (n.shutdown()) {
            return n.name() + " is shutting down";
        }
        return n.name() + " cannot run resources";
    }

    /** What brings a node back, or null. */
    static String nodeFix(NodeFact n) {
        if (n.unclean()) {
            return "vigil stonith confirm " + n.name() + " (only if it is really down)";
        }
        if (!n.online()) {
            return "start vigild on " + n.name();
        }
        if (n.maintenance()) {
            return "take " + n.name() + " out of maintenance (node attribute maintenance=off)";
        }
        if (n.standby()) {
            return "vigil node online " + n.name();
        }
        return null;
    }

    /** A location constraint's contribution, saying when 'vigil resource move' made it. */
    static String location(LocationFact l) {
        String source = l.rule() != null ? "rule '" + l.rule() + "' of location constraint '" + l.constraint() + "'"
                : "location constraint '" + l.constraint() + "'";
        if (l.constraint().startsWith(BAN)) {
            source += ", a ban made by 'vigil resource move'";
        } else if (l.constraint().startsWith(PREFER)) {
            source += ", a preference made by 'vigil resource move'";
        }
        return source + " (" + l.resource() + " " + Score.format(l.score()) + " on " + l.node() + ")";
    }

    /** How to take a location constraint away. */
    static String locationFix(LocationFact l) {
        if (l.constraint().startsWith(BAN) || l.constraint().startsWith(PREFER)) {
            return "vigil resource clear " + l.resource();
        }
        return "vigil cib delete " + l.constraint();
    }

    /** A score with its sign: {@code +50}, {@code -INFINITY}, {@code 0}. */
    static String signed(int score) {
        return score > 0 ? "+" + Score.format(score) : Score.format(score);
    }
}
