package dev.vigil.core.model;

import java.util.Locale;

/** Pacemaker's booleans: {@code true}, {@code yes}, {@code on}, {@code y} and {@code 1} (any case) are true. */
public final class Booleans {
    private Booleans() {
    }

    public static boolean isTrue(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            default -> false;
        };
    }
}
