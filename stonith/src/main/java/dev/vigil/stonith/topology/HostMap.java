package dev.vigil.stonith.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the node lists and maps of Pacemaker's fencing parameters. Stateless.
 *
 * <p>{@code pcmk_host_map} pairs a node with what the device calls it: {@code node1:1;node2:2,3}.
 * A pair is written {@code node:value} or {@code node=value}; pairs are separated by {@code ;},
 * spaces or commas. A comma followed by text without {@code :} or {@code =} continues the value
 * (node2 gets ports {@code 2,3} above, which fence agents read as two plugs). A backslash makes
 * the next character literal (Pacemaker 2.1.2 and later), so values may contain spaces or
 * separators: {@code vm1:my\ vm}.
 */
public final class HostMap {
    private HostMap() {
    }

    /**
     * Parses a {@code pcmk_host_map} value (or a per-node {@code pcmk_delay_base}).
     *
     * @throws IllegalArgumentException naming the entry that is not {@code node:value}
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        String node = null;
        StringBuilder value = null;
        String pendingName = null;
        for (Piece p : pieces(text)) {
            if (p.split >= 0) {
                String name = p.text.substring(0, p.split).trim();
                if (name.isEmpty()) {
                    // "node = value": the name came as the previous piece
                    if (pendingName == null) {
                        throw new IllegalArgumentException("entry '" + p.text + "' has no node name before ':'");
                    }
                    name = pendingName;
                } else if (pendingName != null) {
                    throw notAnEntry(pendingName);
                }
                pendingName = null;
                if (node != null) {
                    out.put(node, value.toString());
                }
                node = name;
                value = new StringBuilder(p.text.substring(p.split + 1));
            } else if (node != null && pendingName == null && (value.length() == 0 || p.afterComma)) {
                // "node: port" (value after a space) or "node:2,3" (a second port)
                value.append(value.length() == 0 ? "" : ",").append(p.text);
            } else if (pendingName == null) {
                pendingName = p.text;
            } else {
                throw notAnEntry(pendingName);
            }
        }
        if (pendingName != null) {
            throw notAnEntry(pendingName);
        }
        if (node != null) {
            out.put(node, value.toString());
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("node '" + e.getKey() + "' has an empty value");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static IllegalArgumentException notAnEntry(String text) {
        return new IllegalArgumentException("entry '" + text + "' is not node:value (expected e.g. "
                + "node1:port1;node2:port2)");
    }

    /** Whether {@code text} contains an unescaped {@code :} or {@code =}, i.e. looks like a map. */
    public static boolean looksLikeMap(String text) {
        if (text == null) {
            return false;
        }
        for (Piece p : pieces(text)) {
            if (p.split >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Parses a {@code pcmk_host_list}: node names separated by spaces, commas or semicolons. */
    public static List<String> parseList(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (Piece p : pieces(text)) {
            if (!out.contains(p.text)) {
                out.add(p.text);
            }
        }
        return List.copyOf(out);
    }

    /** A run of text between separators, escapes resolved; {@code split} = first unescaped ':' or '='. */
    private record Piece(String text, int split, boolean afterComma) {
    }

    private static List<Piece> pieces(String text) {
        List<Piece> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int split = -1;
        boolean afterComma = false;
        boolean nextAfterComma = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = c == '\\' && i + 1 < text.length();
            if (escaped || !(c == ';' || c == ',' || Character.isWhitespace(c))) {
                if (cur.length() == 0) {
                    afterComma = nextAfterComma;
                }
            }
            if (escaped) {
                cur.append(text.charAt(++i));
            } else if (c == ';' || c == ',' || Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(new Piece(cur.toString(), split, afterComma));
                    cur.setLength(0);
                    split = -1;
                    nextAfterComma = false;
                }
                nextAfterComma = nextAfterComma || c == ',';
            } else {
                if ((c == ':' || c == '=') && split < 0) {
                    split = cur.length();
                }
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(new Piece(cur.toString(), split, afterComma));
        }
        return out;
    }
}
