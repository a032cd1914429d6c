package dev.vigil.cli.manpage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders one picocli command as a troff man page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
 * ARGUMENTS, COMMANDS, the command's footer and SEE ALSO. Stateless.
 */
final class ManPage {
    private ManPage() {
    }

    /**
     * What one page documents: a command, the page's name (e.g. {@code vigil-status}), its
     * section, and what a user types to run the command (e.g. {@code vigil status}).
     */
    record Page(CommandSpec spec, String name, int section, String command) {
    }

    /**
     * The troff text of {@code page}.
     *
     * @param source the .TH source field, e.g. {@code Vigil 0.1.0}
     * @param seeAlso other pages, as {@code name(section)}
     */
    static String render(Page page, String source, List<String> seeAlso) {
        CommandSpec spec = page.spec();
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from the command-line model by dev.vigil.cli.manpage; do not edit.\n");
        sb.append(".TH ").append(quote(page.name().toUpperCase(Locale.ROOT))).append(' ').append(page.section())
                .append(" \"\" ").append(quote(source)).append(' ').append(quote("Vigil Manual")).append('\n');
        sb.append(".SH NAME\n").append(escape(page.name())).append(" \\- ").append(escape(summary(spec))).append('\n');
        sb.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis(page))).append(".fi\n");
        List<String> description = lines(spec.usageMessage().description());
        if (description.stream().anyMatch(l -> !l.isBlank())) {
            sb.append(".SH DESCRIPTION\n").append(text(description));
        }
        options(sb, spec);
        positionals(sb, spec);
        subcommands(sb, page);
        footer(sb, spec);
        if (!seeAlso.isEmpty()) {
            sb.append(".SH \"SEE ALSO\"\n");
            List<String> refs = new ArrayList<>();
            for (String ref : seeAlso) {
                int paren = ref.indexOf('(');
                refs.add("\\fB" + escape(ref.substring(0, paren)) + "\\fR" + ref.substring(paren));
            }
            sb.append(String.join(",\n", refs)).append('\n');
        }
        return sb.toString();
    }

    /** One line on what the command does: its header, else the first sentence of its description. */
    static String summary(CommandSpec spec) {
        List<String> header = lines(spec.usageMessage().header());
        List<String> source = header.stream().anyMatch(l -> !l.isBlank()) ? header
                : lines(spec.usageMessage().description());
        String text = String.join(" ", source.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
        int stop = firstOf(text, ". ", ": ");
        String first = stop > 0 ? text.substring(0, stop) : text;
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private static int firstOf(String text, String... marks) {
        int best = -1;
        for (String m : marks) {
            int i = text.indexOf(m);
            if (i > 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** picocli's synopsis, starting with what the user types instead of the command's qualified name. */
    private static String synopsis(Page page) {
        Help help = new Help(page.spec(), Help.defaultColorScheme(Help.Ansi.OFF));
        String s = help.synopsis(0).stripTrailing();
        String qualified = page.spec().qualifiedName();
        if (s.startsWith(qualified)) {
            s = page.command() + s.substring(qualified.length());
        }
        return s + "\n";
    }

    private static void options(StringBuilder sb, CommandSpec spec) {
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (options.isEmpty()) {
            return;
        }
        sb.append(".SH OPTIONS\n");
        for (OptionSpec o : options) {
            StringBuilder names = new StringBuilder();
            for (String n : o.names()) {
                names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(escape(n)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                names.append("=\\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            sb.append(".TP\n").append(names).append('\n').append(argDescription(o));
        }
    }

    private static void positionals(StringBuilder sb, CommandSpec spec) {
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (params.isEmpty()) {
            return;
        }
        sb.append(".SH ARGUMENTS\n");
        for (PositionalParamSpec p : params) {
            sb.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n").append(argDescription(p));
        }
    }

    private static String argDescription(ArgSpec a) {
        String d = String.join(" ", lines(a.description()).stream().map(String::strip).toList()).strip();
        return d.isEmpty() ? "\\&\n" : escape(d) + "\n";
    }

    private static void subcommands(StringBuilder sb, Page page) {
        List<Map.Entry<String, CommandLine>> subs = visibleSubcommands(page.spec());
        if (subs.isEmpty()) {
            return;
        }
        sb.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : subs) {
            sb.append(".TP\n\\fB").append(escape(e.getKey())).append("\\fR\n")
                    .append(escape(summary(e.getValue().getCommandSpec()))).append(". See \\fB")
                    .append(escape(page.name() + "-" + e.getKey())).append("\\fR(").append(page.section())
                    .append(").\n");
        }
    }

    /** The subcommands shown in help, under their main name (aliases skipped). */
    static List<Map.Entry<String, CommandLine>> visibleSubcommands(CommandSpec spec) {
        List<Map.Entry<String, CommandLine>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (!sub.usageMessage().hidden() && sub.name().equals(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    private static void footer(StringBuilder sb, CommandSpec spec) {
        List<String> footer = lines(spec.usageMessage().footer());
        if (footer.stream().allMatch(String::isBlank)) {
            return;
        }
        String heading = String.join(" ", lines(new String[] {spec.usageMessage().footerHeading()})).strip();
        heading = heading.endsWith(":") ? heading.substring(0, heading.length() - 1) : heading;
        sb.append(".SH ").append(quote(heading.isEmpty() ? "NOTES" : heading.toUpperCase(Locale.ROOT))).append('\n');
        sb.append(text(footer));
    }

    /**
     * Description text: lines that start with a space are kept as they are (tables such as exit
     * codes), other lines are filled into paragraphs, an empty line starts a new paragraph.
     */
    private static String text(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        boolean verbatim = false;
        for (String l : lines) {
            boolean indented = l.startsWith(" ");
            if (indented && !verbatim) {
                sb.append(".PP\n.nf\n");
                verbatim = true;
            } else if (!indented && verbatim) {
                sb.append(".fi\n");
                verbatim = false;
            }
            if (l.isBlank()) {
                sb.append(verbatim ? "\n" : ".PP\n");
            } else {
                sb.append(escape(verbatim ? l : l.strip())).append('\n');
            }
        }
        if (verbatim) {
            sb.append(".fi\n");
        }
        return sb.toString();
    }

    /** The strings as lines: picocli's {@code %n} splits, variables are already interpolated. */
    private static List<String> lines(String[] strings) {
        List<String> out = new ArrayList<>();
        for (String s : strings) {
            out.addAll(List.of(s.replace("%%", "%").split("%n|\n", -1)));
        }
        while (!out.isEmpty() && out.get(0).isBlank()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Escapes troff: backslashes, minus signs, and a leading period or apostrophe. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            String e = line.replace("\\", "\\e").replace("-", "\\-");
            if (e.startsWith(".") || e.startsWith("'")) {
                e = "\\&" + e;
            }
            sb.append(e);
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }
}
