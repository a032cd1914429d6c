package dev.vigil.resourceagents;

import java.time.Duration;

/** Formatting durations for operators: "20s", "1.5s", "250ms". */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }
}
