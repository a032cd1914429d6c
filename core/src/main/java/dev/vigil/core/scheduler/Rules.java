package dev.vigil.core.scheduler;

import dev.vigil.core.model.Rule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Evaluates rules against a node's attributes and the scheduler's {@code now}. Stateless. */
final class Rules {
    private Rules() {
    }

    static boolean matches(Rule rule, Map<String, String> attrs, Instant now) {
        if (rule.expressions().isEmpty()) {
            return true;
        }
        boolean any = false;
        boolean all = true;
        for (Rule.Expression e : rule.expressions()) {
            boolean r = matches(e, attrs, now);
            any |= r;
            all &= r;
        }
        return rule.isOr() ? any : all;
    }

    private static boolean matches(Rule.Expression e, Map<String, String> attrs, Instant now) {
        if (e instanceof Rule.AttributeExpression a) {
            return attribute(a, attrs);
        }
        if (e instanceof Rule.DateExpression d) {
            return date(d, now);
        }
        if (e instanceof Rule.NestedRule n) {
            return matches(n.rule(), attrs, now);
        }
        return false;
    }

    private static boolean attribute(Rule.AttributeExpression a, Map<String, String> attrs) {
        String op = a.operation() == null ? "eq" : a.operation();
        String actual = a.attribute() == null ? null : attrs.get(a.attribute());
        if (op.equals("defined")) {
            return actual != null;
        }
        if (op.equals("not_defined")) {
            return actual == null;
        }
        String expected = a.value();
        if (actual == null || expected == null) {
            return op.equals("ne") && (actual == null) != (expected == null);
        }
        String type = a.type();
        if (type == null) {
            type = isNumber(actual) && isNumber(expected) && !op.equals("eq") && !op.equals("ne") ? "number" : "string";
        }
        int cmp;
        switch (type) {
            case "integer", "number" -> {
                if (!isNumber(actual) || !isNumber(expected)) {
                    cmp = actual.compareTo(expected);
                } else {
                    cmp = Double.compare(Double.parseDouble(actual.trim()), Double.parseDouble(expected.trim()));
                }
            }
            case "version" -> cmp = compareVersions(actual, expected);
            default -> cmp = actual.compareToIgnoreCase(expected) == 0 ? 0 : actual.compareTo(expected);
        }
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> false;
        };
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? parseLong(x[i]) : 0;
            long yi = i < y.length ? parseLong(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean date(Rule.DateExpression d, Instant now) {
        String op = d.operation() == null ? "in_range" : d.operation();
        Instant start = parseDate(d.start());
        Instant end = parseDate(d.end());
        switch (op) {
            case "gt":
                return start != null && now.isAfter(start);
            case "lt":
                return end != null && now.isBefore(end);
            case "in_range":
                if (end == null && start != null && !d.duration().isEmpty()) {
                    end = addDuration(start, d.duration());
                }
                return (start == null || !now.isBefore(start)) && (end == null || !now.isAfter(end));
            case "date_spec":
                return dateSpec(d.dateSpec(), now);
            default:
                return false;
        }
    }

    private static Instant addDuration(Instant start, Map<String, String> dur) {
        ZonedDateTime t = start.atZone(ZoneOffset.UTC);
        t = t.plusYears(num(dur.get("years"))).plusMonths(num(dur.get("months"))).plusWeeks(num(dur.get("weeks")))
                .plusDays(num(dur.get("days"))).plusHours(num(dur.get("hours")))
                .plusMinutes(num(dur.get("minutes"))).plusSeconds(num(dur.get("seconds")));
        return t.toInstant();
    }

    private static long num(String s) {
        return s == null ? 0 : parseLong(s);
    }

    private static boolean dateSpec(Map<String, String> spec, Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return in(spec.get("years"), t.getYear()) && in(spec.get("months"), t.getMonthValue())
                && in(spec.get("monthdays"), t.getDayOfMonth()) && in(spec.get("hours"), t.getHour())
                && in(spec.get("minutes"), t.getMinute()) && in(spec.get("seconds"), t.getSecond())
                && in(spec.get("yeardays"), t.getDayOfYear()) && in(spec.get("weekdays"), t.getDayOfWeek().getValue())
                && in(spec.get("weekyears"), t.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR))
                && in(spec.get("weeks"), t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static boolean in(String range, int value) {
        if (range == null || range.isBlank()) {
            return true;
        }
        int dash = range.indexOf('-', 1);
        if (dash < 0) {
            return parseLong(range) == value;
        }
        String lo = range.substring(0, dash).trim();
        String hi = range.substring(dash + 1).trim();
        return (lo.isEmpty() || value >= parseLong(lo)) && (hi.isEmpty() || value <= parseLong(hi));
    }

    static Instant parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        // ISO 8601 as Pacemaker writes it: "2018-12-12 14:05:37 -05:00", "2018-12-12T14:05:37Z", "2018-12-12"
        String t = s.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ T]+", "$1T").replaceFirst("\\s+(?=[+-]\\d|Z$)", "");
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
