package dev.vigil.cib.haresources;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of a haresources file: {@code NODE RESOURCE…}, words separated by blanks, a
 * line ending in {@code \} continued on the next, {@code #} starting a comment to the end of the
 * line. Stateless.
 */
final class HaresourcesParser {
    private HaresourcesParser() {
    }

    static List<ResourceLine> parse(String text, String source, List<String> problems, List<String> warnings) {
        List<ResourceLine> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!words.isEmpty() && line.strip().startsWith("#")) {
                continue; // a comment line inside a continued line
            }
            int hash = commentStart(line);
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String t = line.strip();
            boolean continued = t.endsWith("\\");
            if (continued) {
                t = t.substring(0, t.length() - 1);
            }
            if (words.isEmpty()) {
                start = i + 1;
            }
            for (String w : t.split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            if (continued && i + 1 < lines.length) {
                continue;
            }
            if (words.size() == 1) {
                warnings.add(source + ":" + start + ": node '" + words.get(0) + "' has no resources; line ignored");
            } else if (!words.isEmpty()) {
                out.add(new ResourceLine(start, words.get(0), words.subList(1, words.size())));
            }
            words = new ArrayList<>();
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(source + ": no resource groups found (expected lines such as "
                    + "'node1 IPaddr::10.0.0.10/24/eth0 httpd')");
        }
        return out;
    }

    /** Where a comment starts: a '#' at the start of a word. */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
