package dev.vigil.cib.crmsh;

import java.util.List;

/**
 * One logical line of crm shell text (continuations joined): its words, the comment lines just
 * before it, and for an {@code xml} statement the raw XML after the keyword and where it starts.
 */
record Statement(List<Token> tokens, List<String> comments, String xml, int xmlLine, int xmlColumn) {
    Statement {
        tokens = List.copyOf(tokens);
        comments = List.copyOf(comments);
    }

    Token keyword() {
        return tokens.get(0);
    }
}
