package dev.vigil.core.model;

/**
 * A Pacemaker placement score: an integer saturating at plus or minus {@link #INFINITY} (1,000,000).
 *
 * <p>Addition follows Pacemaker's rules: minus infinity wins over everything (even plus infinity),
 * then plus infinity, and finite sums are clamped to the infinite bounds. Immutable.
 */
public record Score(int value) implements Comparable<Score> {
    public static final int INFINITY = 1_000_000;
    public static final Score ZERO = new Score(0);
    public static final Score POSITIVE_INFINITY = new Score(INFINITY);
    public static final Score NEGATIVE_INFINITY = new Score(-INFINITY);

    public Score {
        if (value > INFINITY) {
            value = INFINITY;
        } else if (value < -INFINITY) {
            value = -INFINITY;
        }
    }

    public static Score of(int value) {
        return value == 0 ? ZERO : new Score(value);
    }

    /**
     * Parses a score as written in a CIB: an integer, {@code INFINITY}, {@code +INFINITY},
     * {@code -INFINITY} (any case), or Pacemaker's older aliases {@code red}, {@code yellow}, {@code green}
     * are not supported and rejected.
     *
     * @throws IllegalArgumentException when the text is not a score
     */
    public static Score parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("score is missing");
        }
        String t = text.trim();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "infinity", "+infinity", "inf", "+inf" -> {
                return POSITIVE_INFINITY;
            }
            case "-infinity", "-inf" -> {
                return NEGATIVE_INFINITY;
            }
            default -> { }
        }
        try {
            long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return of((int) Math.max(-INFINITY, Math.min(INFINITY, v)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a score (expected an integer or [+-]INFINITY)");
        }
    }

    /** Whether {@code text} parses as a score. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Score plus(Score other) {
        return of(add(value, other.value));
    }

    /** Pacemaker's saturating score addition on raw values. */
    public static int add(int a, int b) {
        if (a <= -INFINITY || b <= -INFINITY) {
            return -INFINITY;
        }
        if (a >= INFINITY || b >= INFINITY) {
            return INFINITY;
        }
        long sum = (long) a + b;
        return (int) Math.max(-INFINITY, Math.min(INFINITY, sum));
    }

    public boolean isPositiveInfinity() {
        return value >= INFINITY;
    }

    public boolean isNegativeInfinity() {
        return value <= -INFINITY;
    }

    @Override
    public int compareTo(Score o) {
        return Integer.compare(value, o.value);
    }

    /** Renders as crm_simulate does: {@code INFINITY}, {@code -INFINITY} or the integer. */
    public static String format(int value) {
        if (value >= INFINITY) {
            return "INFINITY";
        }
        if (value <= -INFINITY) {
            return "-INFINITY";
        }
        return Integer.toString(value);
    }

    @Override
    public String toString() {
        return format(value);
    }
}
