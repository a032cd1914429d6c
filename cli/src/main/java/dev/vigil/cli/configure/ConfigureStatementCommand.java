package dev.vigil.cli.configure;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.crmsh.CrmError;
import dev.vigil.cib.crmsh.CrmSyntaxException;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil configure primitive|group|clone|ms|location|colocation|order|property|rsc_defaults|
 * op_defaults|node|fencing_topology ...}: one crm shell statement, added to the configuration or
 * replacing the object with its id, as {@code crm configure primitive ...} does.
 */
@Command(name = "primitive", aliases = {"group", "clone", "ms", "location", "colocation", "order", "property",
        "rsc_defaults", "op_defaults", "node", "fencing_topology"}, mixinStandardHelpOptions = true,
        description = {"Add one object in crm shell syntax, or replace the object with its id.",
                "property, rsc_defaults and op_defaults set values. The words after the command are the",
                "statement:",
                "  vigil configure primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.10 \\\\",
                "      op monitor interval=10s timeout=20s",
                "  vigil configure group web-group ip www",
                "  vigil configure location prefer-node1 web-group 100: node1",
                "  vigil configure property no-quorum-policy=stop",
                "Works on the live configuration (or -x FILE); an invalid result is refused and nothing",
                "changes."})
public final class ConfigureStatementCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Mixin
    DryRunOption dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "With -x: write the new CIB here.")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "The rest of the statement.")
    List<String> words;

    @Override
    public Integer call() throws IOException {
        String keyword = keyword();
        String prefix = "vigil configure " + keyword + ": ";
        List<String> all = new ArrayList<>();
        all.add(keyword);
        all.addAll(words);
        String text = CrmConfiguration.statement(all);
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (BadInputException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        XmlElement result;
        try {
            result = CrmConfiguration.merge(loaded.root(), text, "command line");
        } catch (CrmSyntaxException e) {
            for (CrmError x : e.errors()) {
                spec.commandLine().getErr().println(prefix + x.render("command line"));
            }
            return ExitCodes.BAD_INPUT;
        }
        return ConfigChange.commit(spec, prefix, cib, loaded, result, dryRun, output);
    }

    /** The alias the user typed (picocli runs this class for all of them). */
    private String keyword() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        int at = args.indexOf("configure");
        if (at >= 0 && at + 1 < args.size()) {
            return args.get(at + 1);
        }
        return spec.name();
    }
}
