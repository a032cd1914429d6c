package dev.vigil.stonith.spi;

import java.time.Duration;
import java.util.Locale;

/**
 * Renders durations for operators in log lines and error messages: {@code 500ms}, {@code 1.5s},
 * {@code 90s}. Drivers may use it for their own messages.
 */
public final class DurationText {
    private DurationText() {
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
