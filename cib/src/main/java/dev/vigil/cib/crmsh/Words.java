package dev.vigil.cib.crmsh;

import java.util.List;

/** Reads the words of one statement left to right; mistakes end the statement with a {@link StatementError}. */
final class Words {
    private final List<Token> tokens;
    private int position;

    Words(Statement statement) {
        this.tokens = statement.tokens();
        this.position = 1; // after the keyword
    }

    boolean hasMore() {
        return position < tokens.size();
    }

    /** The next word, or null at the end. */
    Token peek() {
        return hasMore() ? tokens.get(position) : null;
    }

    /** The word after the next, or null. */
    Token peekSecond() {
        return position + 1 < tokens.size() ? tokens.get(position + 1) : null;
    }

    /** The next word; at the end of the statement, an error saying {@code expected} was missing. */
    Token next(String expected) {
        if (!hasMore()) {
            throw fail(end(), "expected " + expected + " but the statement ends here");
        }
        return tokens.get(position++);
    }

    /** The next word if it is the keyword {@code word}. */
    boolean accept(String word) {
        if (hasMore() && tokens.get(position).is(word)) {
            position++;
            return true;
        }
        return false;
    }

    /** The next word, which must be a valid id. */
    Token id(String what) {
        Token t = next(what);
        Ids.check(t, what);
        return t;
    }

    /** A pseudo word just after the last one, to point at the end of the statement. */
    Token end() {
        Token last = tokens.get(tokens.size() - 1);
        return new Token("", last.line(), last.column() + last.text().length() + (last.quoted() ? 2 : 0), false, -1);
    }

    static StatementError fail(Token at, String message) {
        return new StatementError(CrmError.at(at, message));
    }
}
