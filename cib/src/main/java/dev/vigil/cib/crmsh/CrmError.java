package dev.vigil.cib.crmsh;

/**
 * One mistake in crm shell text: where (1-based line and column), the word found there (empty at
 * the end of a statement) and what is wrong, with a suggestion where there is one.
 */
public record CrmError(int line, int column, String token, String message) {
    /** {@code source:LINE:COLUMN: message}. */
    public String render(String source) {
        return (source == null || source.isEmpty() ? "" : source + ":") + line + ":" + column + ": " + message;
    }

    static CrmError at(Token t, String message) {
        return new CrmError(t.line(), t.column(), t.text(), message);
    }
}
