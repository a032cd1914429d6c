package dev.vigil.cib;

/**
 * One problem found in a CIB: how bad it is, the element id (or element name) it concerns, the
 * line it is on (0 when unknown) and what is wrong. Collected so users see all of them at once.
 */
public record ConfigProblem(Severity severity, String where, int line, String message) {
    public enum Severity { ERROR, WARNING }

    public static ConfigProblem error(String where, int line, String message) {
        return new ConfigProblem(Severity.ERROR, where, line, message);
    }

    public static ConfigProblem warning(String where, int line, String message) {
        return new ConfigProblem(Severity.WARNING, where, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code error: line 12: order 'o1' refers to unknown resource 'db2'}. */
    public String render(String source) {
        String prefix = severity == Severity.ERROR ? "error" : "warning";
        String loc = source == null ? "" : source + ":";
        return prefix + ": " + loc + (line > 0 ? line + ": " : (loc.isEmpty() ? "" : " ")) + message;
    }
}
