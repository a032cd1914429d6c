package dev.vigil.cli.configure;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.crmsh.CrmError;
import dev.vigil.cib.crmsh.CrmSyntaxException;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vigil cib patch FILE}: applies a diff made by {@code vigil cib diff OLD NEW} (the
 * configuration in the crm language, {@code -}/{@code +} lines with context, hunks separated by
 * {@code @@}) to the live configuration. Every hunk must find its context and removed lines, in
 * order; otherwise nothing changes and the first hunk that does not apply is named.
 */
public final class CibPatch {
    private CibPatch() {
    }

    public static int run(CommandSpec spec, Path socket, String file, DryRunOption dryRun) throws IOException {
        String prefix = "vigil cib patch: ";
        if (file == null) {
            spec.commandLine().getErr().println(prefix + "missing FILE (made by 'vigil cib diff OLD NEW')");
            return ExitCodes.USAGE;
        }
        List<String> patch;
        try {
            patch = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            spec.commandLine().getErr().println(prefix + "cannot read " + file + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CibSourceOption cib = CibSourceOption.online(socket);
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (BadInputException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        List<String> text;
        try {
            text = apply(new ArrayList<>(CrmConfiguration.render(loaded.root()).lines().toList()), patch);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(prefix + file + ": " + e.getMessage() + "; nothing was changed");
            return ExitCodes.INVALID_CONFIG;
        }
        XmlElement result;
        try {
            result = CrmConfiguration.replace(loaded.root(), String.join("\n", text) + "\n", file);
        } catch (CrmSyntaxException e) {
            for (CrmError x : e.errors()) {
                spec.commandLine().getErr().println(prefix + "the patched configuration: " + x.render(file));
            }
            return ExitCodes.BAD_INPUT;
        }
        return ConfigChange.commit(spec, prefix, cib, loaded, result, dryRun, null);
    }

    /** {@code lines} with every hunk of {@code patch} applied. */
    static List<String> apply(List<String> lines, List<String> patch) {
        List<List<String>> hunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String l : patch) {
            if (l.startsWith("--- ") || l.startsWith("+++ ")) {
                continue;
            }
            if (l.startsWith("@@")) {
                if (!current.isEmpty()) {
                    hunks.add(current);
                }
                current = new ArrayList<>();
            } else if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '-' || l.charAt(0) == '+')) {
                current.add(l);
            } else if (!l.isEmpty()) {
                throw new IllegalArgumentException("line '" + l + "' is not part of a diff made by 'vigil cib diff'");
            }
        }
        if (!current.isEmpty()) {
            hunks.add(current);
        }
        if (hunks.isEmpty()) {
            throw new IllegalArgumentException("the file holds no changes");
        }
        int from = 0;
        for (int h = 0; h < hunks.size(); h++) {
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (String l : hunks.get(h)) {
                String body = l.substring(1);
                if (l.charAt(0) != '+') {
                    before.add(body);
                }
                if (l.charAt(0) != '-') {
                    after.add(body);
                }
            }
            int at = find(lines, before, from);
            if (at < 0) {
                throw new IllegalArgumentException("change " + (h + 1) + " of " + hunks.size() + " does not apply: "
                        + "the configuration no longer has " + (before.isEmpty() ? "its context"
                        : "'" + before.get(0) + "'" + (before.size() > 1 ? " and the lines after it" : "")));
            }
            for (int k = 0; k < before.size(); k++) {
                lines.remove(at);
            }
            lines.addAll(at, after);
            from = at + after.size();
        }
        return lines;
    }

    private static int find(List<String> lines, List<String> seq, int from) {
        if (seq.isEmpty()) {
            return lines.size();
        }
        for (int i = from; i + seq.size() <= lines.size(); i++) {
            if (lines.subList(i, i + seq.size()).equals(seq)) {
                return i;
            }
        }
        return -1;
    }
}
