package dev.vigil.core.model;

import java.util.Locale;

/** A resource's role, in Pacemaker's order (a "higher" role implies the lower ones). */
public enum Role {
    UNKNOWN("Unknown"), STOPPED("Stopped"), STARTED("Started"), UNPROMOTED("Unpromoted"), PROMOTED("Promoted");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a role, accepting the legacy names {@code Master} and {@code Slave}; null for blank text. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "stopped" -> STOPPED;
            case "started" -> STARTED;
            case "unpromoted", "slave" -> UNPROMOTED;
            case "promoted", "master" -> PROMOTED;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("'" + text + "' is not a role "
                    + "(expected Stopped, Started, Unpromoted, Promoted, or the legacy Slave, Master)");
        };
    }

    public boolean isActive() {
        return this == STARTED || this == UNPROMOTED || this == PROMOTED;
    }
}
