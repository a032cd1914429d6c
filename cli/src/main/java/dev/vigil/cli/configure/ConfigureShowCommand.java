package dev.vigil.cli.configure;

import dev.vigil.cib.crmsh.CrmConfiguration;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.simulate.BadInputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil configure show}: the configuration as crm shell statements (or XML). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the configuration as crm shell statements (crm configure show).",
                "What the statements cannot say exactly is printed as 'xml <...>', so the",
                "text can be edited and loaded back ('vigil configure load replace')",
                "without losing anything."})
public final class ConfigureShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Option(names = "--xml", description = "Print the <configuration> section as XML instead.")
    boolean xml;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Only these objects (resources, constraints, nodes, "
            + "property sets).")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (IllegalArgumentException e) {
            err.println("vigil configure show: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BadInputException e) {
            err.println("vigil configure show: " + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        XmlElement conf = loaded.root().name().equals("configuration") ? loaded.root()
                : loaded.root().element("configuration");
        if (conf == null) {
            err.println("vigil configure show: " + loaded.name() + " has no <configuration> section");
            return ExitCodes.BAD_INPUT;
        }
        String text;
        if (xml) {
            text = XmlWriter.toXml(conf);
        } else {
            text = ids.isEmpty() ? CrmConfiguration.render(conf) : CrmConfiguration.render(conf, ids);
        }
        if (!ids.isEmpty() && text.isEmpty()) {
            err.println("vigil configure show: no object with id " + String.join(", ", ids) + " in " + loaded.name());
            return ExitCodes.BAD_INPUT;
        }
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }
}
