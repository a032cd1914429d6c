package dev.vigil.cli.daemon;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a move or ban lasts ({@code crm_resource --lifetime}): an ISO-8601 duration as
 * Pacemaker takes it ({@code PT10M}, {@code P1D}, {@code P1Y2M3DT4H}; {@code M} before the
 * {@code T} is months) or a number with a unit ({@code 90s}, {@code 10m}, {@code 1h}, {@code 2d},
 * {@code 1w}; a bare number is seconds). Stateless.
 */
public final class Lifetime {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|w)?");

    private Lifetime() {
    }

    /**
     * When a lifetime given at {@code now} ends.
     *
     * @throws IllegalArgumentException for text that is not a positive duration, saying what is accepted
     */
    public static Instant end(String text, Instant now) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        ZonedDateTime start = now.atZone(ZoneOffset.UTC);
        ZonedDateTime end;
        try {
            end = t.startsWith("P") ? iso(start, t) : shortForm(start, t.toLowerCase(Locale.ROOT));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            end = null;
        }
        if (end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("'" + text + "' is not a lifetime: use an ISO-8601 duration such as "
                    + "PT10M or P1D, or a number with a unit such as 10m, 1h or 2d");
        }
        return end.toInstant();
    }

    private static ZonedDateTime iso(ZonedDateTime start, String t) {
        int time = t.indexOf('T');
        String datePart = time < 0 ? t : t.substring(0, time);
        String timePart = time < 0 ? "" : t.substring(time + 1);
        if (datePart.length() == 1 && timePart.isEmpty()) {
            return null;
        }
        try {
            Period period = datePart.length() > 1 ? Period.parse(datePart) : Period.ZERO;
            Duration duration = timePart.isEmpty() ? Duration.ZERO : Duration.parse("PT" + timePart);
            return start.plus(period).plus(duration);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZonedDateTime shortForm(ZonedDateTime start, String t) {
        Matcher m = SHORT.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit.charAt(0)) {
            case 's' -> start.plusSeconds(n);
            case 'm' -> start.plusMinutes(n);
            case 'h' -> start.plusHours(n);
            case 'd' -> start.plusDays(n);
            default -> start.plusWeeks(n);
        };
    }
}
