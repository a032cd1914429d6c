package dev.vigil.cib.crmsh;

import java.util.Set;
import java.util.regex.Pattern;

/** Valid ids and the ids crmsh generates for nested elements ({@code ip-instance_attributes-ip}, {@code ip-monitor-10s}). */
final class Ids {
    /** An XML id as Pacemaker's schema wants it (an NCName without non-ASCII letters). */
    static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Ids() {
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void check(Token t, String what) {
        if (t.isPair() || !isValid(t.text())) {
            throw Words.fail(t, "'" + t.text() + "' is not a valid " + what + " (an id starts with a letter or '_' "
                    + "and continues with letters, digits, '.', '-' or '_')");
        }
    }

    /**
     * {@code base} if free, else {@code base-0}, {@code base-1}… as crmsh's {@code idmgmt} does;
     * the result is added to {@code taken}.
     */
    static String free(String base, Set<String> taken) {
        String id = base;
        for (int i = 0; taken.contains(id); i++) {
            id = base + "-" + i;
        }
        taken.add(id);
        return id;
    }

    /** {@code prefix-part} with the characters an id cannot hold replaced by {@code _}. */
    static String join(String prefix, String part) {
        String s = sanitize(part);
        return prefix + "-" + (s.startsWith("_") && !part.startsWith("_") ? s.substring(1) : s);
    }

    /** {@code text} made usable as an id: characters an id cannot hold become {@code _}. */
    static String sanitize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        return s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_') ? "_" + s : s;
    }
}
