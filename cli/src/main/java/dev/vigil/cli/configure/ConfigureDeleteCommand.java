package dev.vigil.cli.configure;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.core.port.CibChange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil configure delete ID...}: remove objects (and the simple constraints on them). */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete configuration objects by id, with the simple constraints that name them.",
                "A running resource is stopped by the transition that follows."})
public final class ConfigureDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Mixin
    DryRunOption dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "With -x: write the new CIB here.")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The objects to delete.")
    java.util.List<String> ids;

    @Override
    public Integer call() throws IOException {
        return ConfigChange.edit(spec, "vigil configure delete: ", cib, dryRun, output, root -> {
            XmlElement result = root;
            for (String id : ids) {
                result = ConfigChange.applied(result, new CibChange.ConfigurationElementDeleted(id));
            }
            return result;
        });
    }
}
