package dev.vigil.cli.configure;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.crmsh.CrmError;
import dev.vigil.cib.crmsh.CrmSyntaxException;
import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.cli.simulate.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil configure edit}: the configuration in {@code $EDITOR}, in crm shell syntax (or XML
 * with {@code --xml}); the result is checked before anything is committed.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit the configuration in $EDITOR and commit it once it checks out.",
                "The editor ($EDITOR, else $VISUAL, else vi) gets crm shell syntax or, with --xml, the XML.",
                "When you save and quit, the result is checked: mistakes and an invalid",
                "configuration are shown and nothing is committed; on a terminal you are asked whether to",
                "edit again, otherwise the command exits 1 and keeps your text in the file it names.",
                "Online the change is refused if someone else changed the configuration meanwhile."})
public final class ConfigureEditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--xml", description = "Edit the <configuration> XML instead of crm shell syntax.")
    boolean xml;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "With -x: write the new CIB here.")
    Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "vigil configure edit: ";
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (BadInputException e) {
            err.println(prefix + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        String original = xml ? XmlWriter.toXml(loaded.root().element("configuration"))
                : CrmConfiguration.render(loaded.root());
        Path file = Files.createTempFile("vigil-edit-", xml ? ".xml" : ".crm",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, original);
        BufferedReader terminal = System.console() == null ? null
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            int rc = edit(file);
            if (rc != 0) {
                err.println(prefix + "the editor exited with " + rc + "; nothing was changed (your text: " + file + ")");
                return ExitCodes.INVALID_CONFIG;
            }
            String text = Files.readString(file);
            if (text.equals(original)) {
                spec.commandLine().getOut().println("No changes.");
                Files.deleteIfExists(file);
                return ExitCodes.OK;
            }
            List<String> problems = new ArrayList<>();
            XmlElement result = null;
            try {
                result = xml ? withConfiguration(loaded.root(), XmlParser.parse(text, file.toString()))
                        : CrmConfiguration.replace(loaded.root(), text, file.toString());
                CibInput.Loaded checked = CibInput.check(loaded.name(), result);
                for (ConfigProblem p : checked.problems()) {
                    if (p.isError()) {
                        problems.add(p.render(null));
                    }
                }
            } catch (CrmSyntaxException e) {
                e.errors().forEach(x -> problems.add(x.render(file.toString())));
            } catch (XmlParseException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (problems.isEmpty()) {
                int out = ConfigChange.commit(spec, prefix, cib, loaded, result, dryRun, output);
                if (out == ExitCodes.OK) {
                    Files.deleteIfExists(file);
                }
                return out;
            }
            problems.forEach(p -> err.println(prefix + p));
            if (terminal == null) {
                err.println(prefix + "nothing was changed; your text is in " + file);
                return ExitCodes.INVALID_CONFIG;
            }
            err.print("Edit again? [Y/n] ");
            err.flush();
            String answer = terminal.readLine();
            if (answer == null || answer.trim().toLowerCase().startsWith("n")) {
                err.println(prefix + "nothing was changed; your text is in " + file);
                return ExitCodes.INVALID_CONFIG;
            }
        }
    }

    private static XmlElement withConfiguration(XmlElement cib, XmlElement conf) {
        if (!conf.name().equals("configuration")) {
            throw new IllegalArgumentException("the edited XML must be a <configuration> element, not <" + conf.name()
                    + ">");
        }
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode n : cib.children()) {
            children.add(n instanceof XmlElement e && e.name().equals("configuration") ? conf : n);
        }
        return cib.withChildren(children);
    }

    private static int edit(Path file) throws IOException, InterruptedException {
        String editor = System.getenv("EDITOR");
        if (editor == null || editor.isBlank()) {
            editor = System.getenv("VISUAL");
        }
        if (editor == null || editor.isBlank()) {
            editor = "vi";
        }
        List<String> cmd = new ArrayList<>(List.of(editor.trim().split("\\s+")));
        cmd.add(file.toString());
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
