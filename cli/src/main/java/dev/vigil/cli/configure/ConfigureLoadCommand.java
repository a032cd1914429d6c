package dev.vigil.cli.configure;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.crmsh.CrmError;
import dev.vigil.cib.crmsh.CrmSyntaxException;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil configure load replace|update FILE}: crm shell statements applied to a CIB. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Apply crm shell statements to the configuration.",
                "Online the live configuration changes; with -x the new CIB is printed (or written with -o).",
                "FILE holds the statements ('-' for stdin).",
                "  replace  the configuration becomes what FILE says (objects that stay",
                "           keep the ids of their parts)",
                "  update   FILE's objects are added, or replace the objects with their",
                "           ids; property, rsc_defaults and op_defaults set their values",
                "           in the existing sets",
                "Nothing is printed when FILE has mistakes (exit 3) or the result has",
                "errors (exit 1)."})
public final class ConfigureLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Parameters(index = "0", paramLabel = "replace|update", description = "How to apply the statements.")
    String method;

    @Parameters(index = "1", paramLabel = "FILE", description = "The statements.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "With -x: write the new CIB here instead of stdout.")
    Path output;

    @Mixin
    dev.vigil.cli.admin.DryRunOption dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "vigil configure load: ";
        if (!method.equals("replace") && !method.equals("update")) {
            err.println(prefix + "'" + method + "' is neither replace nor update");
            return ExitCodes.USAGE;
        }
        CibInput.Loaded loaded;
        String text;
        try {
            CibSource source = cib.source();
            loaded = CibInput.load(source);
            text = file.toString().equals("-") ? new String(System.in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8) : FileCibSource.readText(file);
        } catch (IllegalArgumentException e) {
            err.println(prefix + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BadInputException e) {
            err.println(prefix + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        XmlElement result;
        try {
            result = method.equals("replace") ? CrmConfiguration.replace(loaded.root(), text, file.toString())
                    : CrmConfiguration.merge(loaded.root(), text, file.toString());
        } catch (CrmSyntaxException e) {
            for (CrmError x : e.errors()) {
                err.println(prefix + x.render(file.toString()));
            }
            return ExitCodes.BAD_INPUT;
        }
        return ConfigChange.commit(spec, prefix, cib, loaded, result, dryRun, output);
    }
}
