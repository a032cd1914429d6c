package dev.vigil.cib.crmsh;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits crm shell text into statements. A statement is one line; a line ending in {@code \}
 * continues on the next. A line whose first non-blank character is {@code #} is a comment and
 * belongs to the statement after it. Words are separated by blanks; double quotes group blanks
 * into a word ({@code name="a value"}, {@code "a value"}), and inside them {@code \"} and
 * {@code \\} stand for {@code "} and {@code \}. After the keyword {@code xml} the rest of the
 * statement is taken verbatim. Stateless.
 */
final class CrmLexer {
    private CrmLexer() {
    }

    /** The statements of {@code text}; mistakes (an unterminated quote) are added to {@code errors}. */
    static List<Statement> split(String text, List<CrmError> errors) {
        String[] lines = text.split("\r?\n", -1);
        List<Statement> out = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        StringBuilder xml = null;
        int xmlLine = 0;
        int xmlColumn = 0;
        boolean broken = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            String stripped = line.strip();
            boolean inStatement = !tokens.isEmpty() || broken;
            if (stripped.startsWith("#")) {
                comments.add(stripped.substring(1));
                continue;
            }
            if (stripped.isEmpty() && !inStatement) {
                continue;
            }
            boolean continued;
            if (broken) {
                continued = endsWithBackslash(line);
            } else if (xml != null) {
                continued = endsWithBackslash(line);
                xml.append('\n').append(continued ? withoutBackslash(line) : line);
            } else {
                Scan scan = scan(line, lineNo, tokens, errors);
                broken = scan.broken;
                continued = scan.broken ? endsWithBackslash(line) : scan.continued;
                if (scan.xmlStart >= 0) {
                    String rest = line.substring(scan.xmlStart);
                    continued = endsWithBackslash(rest);
                    xml = new StringBuilder(continued ? withoutBackslash(rest) : rest);
                    xmlLine = lineNo;
                    xmlColumn = scan.xmlStart + 1;
                }
            }
            if (!continued) {
                if (!tokens.isEmpty() && !broken) {
                    out.add(new Statement(tokens, comments, xml == null ? null : xml.toString(), xmlLine, xmlColumn));
                }
                tokens = new ArrayList<>();
                comments = new ArrayList<>();
                xml = null;
                broken = false;
            }
        }
        if (!tokens.isEmpty() && !broken) { // the last line ended with a backslash
            out.add(new Statement(tokens, comments, xml == null ? null : xml.toString(), xmlLine, xmlColumn));
        }
        return out;
    }

    private record Scan(boolean continued, boolean broken, int xmlStart) {
    }

    /** Adds the words of one physical line to {@code tokens}. */
    private static Scan scan(String line, int lineNo, List<Token> tokens, List<CrmError> errors) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '\\' && line.substring(i + 1).isBlank()) {
                return new Scan(true, false, -1);
            }
            if (tokens.size() == 1 && tokens.get(0).is("xml")) {
                return new Scan(false, false, i);
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean quoted = false;
            int equals = -1;
            int quoteAt = -1;
            boolean continued = false;
            while (i < n) {
                c = line.charAt(i);
                if (quoteAt >= 0) {
                    if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                        text.append(line.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoteAt = -1;
                    } else {
                        text.append(c);
                    }
                    i++;
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && line.substring(i + 1).isBlank()) {
                    continued = true;
                    i = n;
                    break;
                }
                if (c == '"') {
                    quoted = true;
                    quoteAt = i;
                } else {
                    if (c == '=' && equals < 0) {
                        equals = text.length();
                    }
                    text.append(c);
                }
                i++;
            }
            if (quoteAt >= 0) {
                errors.add(new CrmError(lineNo, quoteAt + 1, line.substring(quoteAt).strip(),
                        "unterminated quote: the value that starts here has no closing '\"' on this line"));
                return new Scan(false, true, -1);
            }
            tokens.add(new Token(text.toString(), lineNo, start + 1, quoted, equals));
            if (continued) {
                return new Scan(true, false, -1);
            }
        }
        return new Scan(false, false, -1);
    }

    private static boolean endsWithBackslash(String s) {
        return s.stripTrailing().endsWith("\\");
    }

    /** The line without its final backslash and the one blank the renderer puts before it. */
    private static String withoutBackslash(String s) {
        String t = s.stripTrailing();
        t = t.substring(0, t.length() - 1);
        return t.endsWith(" ") ? t.substring(0, t.length() - 1) : t;
    }
}
