package dev.vigil.core.model;

import java.util.Locale;

/** Parses Pacemaker interval and timeout texts ("10", "10s", "500ms", "2min", "1h", "PT30S"). */
public final class Durations {
    private Durations() {
    }

    /**
     * Milliseconds for a Pacemaker time specification; a bare number is seconds.
     *
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static long parseMillis(String text) {
        if (text == null) {
            throw new IllegalArgumentException("duration is missing");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("duration is empty");
        }
        if (t.startsWith("p")) {
            String iso = t.toUpperCase(Locale.ROOT);
            try {
                return java.time.Duration.parse(iso).toMillis();
            } catch (java.time.format.DateTimeParseException e) {
                // Pacemaker also takes the time part without its 'T' ("P10S" for "PT10S").
                try {
                    return java.time.Duration.parse("PT" + iso.substring(1)).toMillis();
                } catch (java.time.format.DateTimeParseException e2) {
                    throw new IllegalArgumentException("'" + text + "' is not a duration");
                }
            }
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || (i == 0 && t.charAt(i) == '+'))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 10s, 500ms, 2min)");
        }
        double number = Double.parseDouble(t.substring(0, i));
        String unit = t.substring(i).trim();
        long factor = switch (unit) {
            case "", "s", "sec", "secs", "second", "seconds" -> 1000L;
            case "ms", "msec", "msecs" -> 1L;
            case "us", "usec", "usecs" -> 0L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has unknown unit '" + unit + "'");
        };
        return Math.round(number * factor);
    }

    /** Like {@link #parseMillis} but returns {@code fallback} for missing or bad text. */
    public static long parseMillis(String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return parseMillis(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
