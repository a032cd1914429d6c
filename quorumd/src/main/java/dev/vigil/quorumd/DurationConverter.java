package dev.vigil.quorumd;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, {@code 1h}, a bare number of
 * seconds (as in ha.cf) or ISO-8601 ({@code PT3S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code text}; a picocli {@link TypeConversionException} explains a bad value. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            double number = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> number;
                case "s" -> number * 1_000;
                case "m" -> number * 60_000;
                default -> number * 3_600_000;
            };
            if (millis > Long.MAX_VALUE / 2) {
                throw new TypeConversionException("duration '" + text + "' is too long");
            }
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 500ms, 3s, 2m or 1h");
        }
    }
}
