package dev.vigil.stonith.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks what an operator needs from a fence agent's output: its {@code ERROR:} lines (fence-agents
 * log them to stderr with a timestamp), else its last stderr line, else its last stdout line.
 * Stateless.
 */
final class AgentMessages {
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[,.]\\d+\\s+");
    private static final int MAX = 400;

    private AgentMessages() {
    }

    static String reason(String stdout, String stderr) {
        List<String> errors = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            String t = TIMESTAMP.matcher(line.strip()).replaceFirst("");
            if (t.startsWith("ERROR:")) {
                String m = t.substring("ERROR:".length()).strip();
                if (!m.isEmpty() && !m.startsWith("Please use '-h'") && !errors.contains(m)) {
                    errors.add(m);
                }
            }
        }
        String text = !errors.isEmpty() ? String.join(" / ", errors) : lastLine(stderr);
        if (text.isEmpty()) {
            text = lastLine(stdout);
        }
        if (text.isEmpty()) {
            return "no output";
        }
        return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    }

    static String lastLine(String text) {
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String t = TIMESTAMP.matcher(lines[i].strip()).replaceFirst("");
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }
}
