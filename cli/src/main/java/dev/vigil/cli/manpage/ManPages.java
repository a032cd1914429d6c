package dev.vigil.cli.manpage;

import dev.vigil.cli.VigilCommand;
import dev.vigil.cli.daemon.DaemonCommand;
import dev.vigil.quorumd.QuorumdCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes the man pages of {@code vigil} (section 1, one page per command as {@code git} does:
 * {@code vigil-ra-exec.1}), {@code vigild} and {@code vigil-quorumd} (section 8) into
 * {@code DIR/man1} and {@code DIR/man8}. Run by the build: {@code ManPages DIR VERSION}.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR VERSION, got " + List.of(args));
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes every page; returns the files. */
    public static List<Path> write(Path dir, String version) throws IOException {
        List<ManPage.Page> pages = new ArrayList<>();
        collect(new CommandLine(new VigilCommand()).getCommandSpec(), "vigil", 1, "vigil", pages);
        pages.add(new ManPage.Page(new CommandLine(new DaemonCommand()).getCommandSpec(), "vigild", 8, "vigild"));
        collect(new CommandLine(new QuorumdCommand()).getCommandSpec(), "vigil-quorumd", 8, "vigil-quorumd", pages);
        List<String> topLevel = List.of("vigil(1)", "vigild(8)", "vigil-quorumd(8)");
        List<Path> written = new ArrayList<>();
        for (ManPage.Page p : pages) {
            Path file = dir.resolve("man" + p.section()).resolve(p.name() + "." + p.section());
            Files.createDirectories(file.getParent());
            Files.writeString(file, ManPage.render(p, "Vigil " + version, seeAlso(p, topLevel)));
            written.add(file);
        }
        return written;
    }

    private static void collect(CommandSpec spec, String name, int section, String command, List<ManPage.Page> out) {
        out.add(new ManPage.Page(spec, name, section, command));
        for (Map.Entry<String, CommandLine> e : ManPage.visibleSubcommands(spec)) {
            collect(e.getValue().getCommandSpec(), name + "-" + e.getKey(), section, command + " " + e.getKey(), out);
        }
    }

    /** The parent's page for a subcommand, the other programs' pages for a program. */
    private static List<String> seeAlso(ManPage.Page p, List<String> topLevel) {
        String self = p.name() + "(" + p.section() + ")";
        if (topLevel.contains(self)) {
            return topLevel.stream().filter(t -> !t.equals(self)).toList();
        }
        int dash = p.name().lastIndexOf('-');
        return List.of(p.name().substring(0, dash) + "(" + p.section() + ")");
    }
}
