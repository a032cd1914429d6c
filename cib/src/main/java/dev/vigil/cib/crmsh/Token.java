package dev.vigil.cib.crmsh;

/**
 * One word of a statement, quotes removed, with where it started (1-based line and column).
 *
 * @param text   the word without its quotes and escapes
 * @param line   the line it starts on
 * @param column the column it starts at
 * @param quoted whether any part of it was quoted (a quoted word is never a keyword)
 * @param equals the index in {@code text} of the first {@code =} outside quotes, or -1
 */
record Token(String text, int line, int column, boolean quoted, int equals) {
    /** Whether this is the unquoted keyword {@code word}. */
    boolean is(String word) {
        return !quoted && equals < 0 && text.equals(word);
    }

    /** Whether this is a {@code name=value} pair. */
    boolean isPair() {
        return equals > 0;
    }

    String name() {
        return text.substring(0, equals);
    }

    String value() {
        return text.substring(equals + 1);
    }

    /** Whether this ends with an unquoted {@code :} (a score, a node id, a fencing target). */
    boolean endsWithColon() {
        return !quoted && equals < 0 && text.length() > 1 && text.endsWith(":");
    }

    /** The text before the final colon. */
    String beforeColon() {
        return text.substring(0, text.length() - 1);
    }
}
