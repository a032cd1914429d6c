package dev.vigil.cli.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heartbeat's time syntax: a bare number is seconds ({@code 30}, {@code 0.5}); a unit may follow
 * without a space ({@code 500ms}, {@code 2s}, {@code 1min}, {@code 1h}). Units are the ones
 * Heartbeat and Pacemaker accept: {@code us usec ms msec s sec m min h hr}. Stateless.
 */
final class HeartbeatTime {
    /** Shown after every refusal. */
    static final String SYNTAX_HINT =
            "write a number of seconds (2, 0.5) or a number with a unit: 500ms, 2s, 1min";

    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([a-z]*)");
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofDays(1);
    private static final Map<String, Long> NANOS_PER_UNIT = Map.ofEntries(
            Map.entry("", 1_000_000_000L), Map.entry("s", 1_000_000_000L),
            Map.entry("sec", 1_000_000_000L), Map.entry("ms", 1_000_000L),
            Map.entry("msec", 1_000_000L), Map.entry("us", 1_000L), Map.entry("usec", 1_000L),
            Map.entry("m", 60_000_000_000L), Map.entry("min", 60_000_000_000L),
            Map.entry("h", 3_600_000_000_000L), Map.entry("hr", 3_600_000_000_000L));

    private HeartbeatTime() {
    }

    /**
     * Parses one time value.
     *
     * @throws IllegalArgumentException with a message naming the value and what is wrong with it
     */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative; a time must be positive");
        }
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time");
        }
        Long nanosPerUnit = NANOS_PER_UNIT.get(m.group(2));
        if (nanosPerUnit == null) {
            throw new IllegalArgumentException("'" + text + "' has unknown unit '" + m.group(2) + "'");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.signum() == 0) {
            throw new IllegalArgumentException("'" + text + "' is zero; a time must be positive");
        }
        if (nanos.compareTo(BigDecimal.valueOf(MIN.toNanos())) < 0) {
            throw new IllegalArgumentException("'" + text + "' is shorter than 1ms, the finest timer Vigil has");
        }
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than one day");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Renders a duration the way an administrator would write it: {@code 2s}, {@code 500ms}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0 && millis > 0) {
            return millis / 1000 + "s";
        }
        return millis > 0 ? millis + "ms" : d.toNanos() / 1000 + "us";
    }
}
