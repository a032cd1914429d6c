package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.cib.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How the renderer writes words, pairs, scores and statements so that the lexer reads them back. Stateless. */
final class TextFormat {
    /** Words a rule expression cannot start with or use as an attribute. */
    private static final Set<String> RULE_WORDS = Set.of("and", "or", "rule", "defined", "not_defined", "date");

    private TextFormat() {
    }

    /** Whether {@code v} can be written at all (the language is line-based). */
    static boolean isWritable(String v) {
        return v != null && v.indexOf('\n') < 0 && v.indexOf('\r') < 0;
    }

    /** Whether {@code s} can stand as a bare word: a name, an id, a node name, an agent part. */
    static boolean isBare(String s) {
        if (s == null || s.isEmpty() || s.startsWith("#") || s.startsWith("$") || s.startsWith("@")
                || s.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\\' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} can be the name of a NAME=VALUE pair. */
    static boolean isName(String s) {
        return isBare(s) && s.indexOf(':') < 0;
    }

    /** Whether {@code s} can be the name of a NAME=VALUE pair (a leading '#' is quoted, see {@link #pair}). */
    static boolean isPairName(String s) {
        if (s == null || s.isEmpty() || s.startsWith("$") || s.startsWith("@") || s.equals("#")) {
            return false;
        }
        return s.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\' || c == '=');
    }

    /** Whether {@code s} can be the attribute of a rule expression. */
    static boolean isRuleAttribute(String s) {
        return s != null && !s.isEmpty() && !RULE_WORDS.contains(s) && isBare(s.startsWith("#") ? s.substring(1) : s)
                && !dev.vigil.core.model.Score.isValid(s);
    }

    /** {@code v} as a word: quoted when it has blanks, quotes, backslashes, '=' or a final ':'. */
    static String word(String v) {
        return isBare(v) && !v.startsWith("#") ? v : quote(v);
    }

    /** A rule value: as {@link #word} but a leading '#' needs no quotes mid-line. */
    static String value(String v) {
        return isBare(v) || (v.startsWith("#") && isBare(v.substring(1))) ? v : quote(v);
    }

    /** {@code name=value}, the value quoted when needed. */
    static String pair(String name, String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"'
                || c == '\\');
        return (name.startsWith("#") ? quote(name) : name) + "=" + (plain ? value : quote(value));
    }

    static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** crmsh's spelling of a score: {@code INFINITY} is {@code inf}. */
    static String score(String s) {
        return switch (s) {
            case "INFINITY" -> "inf";
            case "+INFINITY" -> "+inf";
            case "-INFINITY" -> "-inf";
            default -> s;
        };
    }

    /** A statement: its parts joined by continuation lines, preceded by the object's comments. */
    static String statement(XmlElement object, List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (XmlNode n : object.children()) {
            if (n instanceof dev.vigil.cib.xml.XmlComment c) {
                for (String line : c.text().stripTrailing().split("\n", -1)) {
                    sb.append('#').append(line.stripTrailing()).append('\n');
                }
            }
        }
        sb.append(String.join(" \\\n\t", parts));
        return sb.toString();
    }

    /** The {@code xml} statement of an element, one XML line per text line. */
    static String xml(XmlElement e) {
        String text = XmlWriter.toXml(e).stripTrailing();
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        return "xml " + String.join(" \\\n", lines);
    }
}
