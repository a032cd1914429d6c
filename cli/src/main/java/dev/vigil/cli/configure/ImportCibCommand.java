package dev.vigil.cli.configure;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil import cib FILE}: a Pacemaker cib.xml with its legacy names brought up to date, checked. */
@Command(name = "cib", mixinStandardHelpOptions = true,
        description = {"Check a Pacemaker cib.xml and print it as Vigil writes it.",
                "<master> becomes a <clone> with promotable=true; master-max and",
                "master-node-max become promoted-max and promoted-node-max; the roles",
                "Master and Slave become Promoted and Unpromoted; stonith-enabled and",
                "stonith-action become fencing-enabled and fencing-action; Heartbeat 2.0",
                "<attributes> wrappers go. Ids, the status section and the rest stay.",
                "The changes are listed on stderr. A CIB with errors is not printed (exit 1)."})
public final class ImportCibCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The cib.xml to import.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the CIB here instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "vigil import cib: ";
        XmlElement root;
        try {
            root = XmlParser.parse(FileCibSource.readText(file), file.toString());
        } catch (BadInputException e) {
            err.println(prefix + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (XmlParseException e) {
            err.println(prefix + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (!root.name().equals("cib")) {
            err.println(prefix + file + ": the root element is <" + root.name() + ">, expected <cib>");
            return ExitCodes.BAD_INPUT;
        }
        LegacyCib.Result upgraded = LegacyCib.upgrade(root);
        upgraded.changes().forEach(c -> err.println(prefix + c));
        CibInput.Loaded checked = CibInput.check(file.toString(), upgraded.cib());
        for (ConfigProblem p : checked.problems()) {
            err.println(p.render(file.toString()));
        }
        if (checked.hasErrors()) {
            err.println(prefix + file + " has errors; fix them and import again");
            return ExitCodes.INVALID_CONFIG;
        }
        Output.write(XmlWriter.toXml(upgraded.cib()), output, out);
        return ExitCodes.OK;
    }
}
