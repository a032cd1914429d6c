package dev.vigil.cli.configure;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.haresources.HaresourcesException;
import dev.vigil.cib.haresources.HaresourcesImport;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.HaConfig;
import dev.vigil.cli.config.HaConfigParser;
import dev.vigil.cli.simulate.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil import haresources FILE}: a Heartbeat R1 haresources file as a CIB. */
@Command(name = "haresources", mixinStandardHelpOptions = true,
        description = {"Convert a Heartbeat R1 haresources file into a complete CIB.",
                "Prints it, or writes it with -o. Each line becomes a group group_N (its",
                "resources start in the order written, on one node) preferring the line's node",
                "with score 100. Resources map to agents:",
                "  IPaddr::IP/BITS/NIC/BCAST, IPaddr2::..., IP   ocf:heartbeat:IPaddr2",
                "  Filesystem::DEVICE::DIR::FSTYPE[::OPTIONS]   ocf:heartbeat:Filesystem",
                "  drbddisk::RES      a promotable ocf:linbit:drbd clone the group follows",
                "  MailTo::EMAIL[::SUBJECT], IPsrcaddr, IPv6addr, LVM, Raid1, portblock,",
                "  Xinetd, apache...  that OCF agent, arguments in Heartbeat's order",
                "  NAME               lsb:NAME (/etc/init.d/NAME)",
                "  NAME::ARG::...     heartbeat:NAME, parameters 1, 2... (warns: replace it)",
                "auto_failback on (default) gives resource-stickiness 0: groups return to",
                "their node; off gives INFINITY. Fencing is disabled (Heartbeat R1 had none)",
                "and a warning says to add a fence device. The status section shows the",
                "nodes online so that 'vigil simulate -x' shows where groups start; the",
                "daemon and 'vigil cib replace' use only the configuration."})
public final class ImportHaresourcesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The haresources file.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the CIB here instead of stdout.")
    Path output;

    @Option(names = "--ha-cf", paramLabel = "HA_CF",
            description = "Read the cluster name, the nodes and auto_failback from this ha.cf.")
    Path haCf;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The cluster name (default: ha.cf's, or vigil).")
    String clusterName;

    @Option(names = "--node", paramLabel = "NODE", description = "A cluster node the file does not name (repeatable).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--auto-failback", paramLabel = "on|off",
            description = "Heartbeat's auto_failback (default: ha.cf's, or on).")
    String autoFailback;

    @Option(names = "--no-status", description = "Leave the status section empty instead of showing the nodes online.")
    boolean noStatus;

    @Option(names = "--crm", description = "Print the configuration in crm shell syntax instead of XML.")
    boolean crm;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "vigil import haresources: ";
        HaresourcesImport.Options options;
        String text;
        try {
            options = options();
            text = FileCibSource.readText(file);
        } catch (BadInputException e) {
            err.println(prefix + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println(prefix + e.getMessage());
            return ExitCodes.USAGE;
        }
        HaresourcesImport.Result result;
        try {
            result = HaresourcesImport.convert(text, file.toString(), options);
        } catch (HaresourcesException e) {
            e.problems().forEach(p -> err.println(prefix + p));
            return ExitCodes.BAD_INPUT;
        }
        result.warnings().forEach(w -> err.println(prefix + "warning: " + w));
        List<ConfigProblem> errors = CibInput.check(file.toString(), result.cib()).problems().stream()
                .filter(ConfigProblem::isError).toList();
        if (!errors.isEmpty()) {
            errors.forEach(p -> err.println(prefix + p.render("converted CIB")));
            return ExitCodes.INVALID_CONFIG;
        }
        Output.write(crm ? result.crmText() : XmlWriter.toXml(result.cib()), output, out);
        if (output != null) {
            err.println(prefix + "wrote " + output + " (" + result.groups().size() + " group"
                    + (result.groups().size() == 1 ? "" : "s") + ")");
        }
        return ExitCodes.OK;
    }

    private HaresourcesImport.Options options() throws BadInputException {
        String name = "vigil";
        List<String> known = new ArrayList<>();
        boolean failback = true;
        if (haCf != null) {
            try {
                // ha.cf describes one node of the cluster; any listed node will do as "this node"
                String haText = FileCibSource.readText(haCf);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*node\\s+(\\S+)").matcher(haText);
                HaConfig cfg = HaConfigParser.parse(haText, haCf, m.find() ? m.group(1) : "localhost");
                name = cfg.clusterName();
                known.addAll(cfg.nodes());
                failback = cfg.autoFailback() != HaConfig.AutoFailback.OFF;
            } catch (ConfigException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        if (clusterName != null) {
            name = clusterName;
        }
        known.addAll(nodes);
        if (autoFailback != null) {
            failback = switch (autoFailback.toLowerCase(java.util.Locale.ROOT)) {
                case "on", "legacy", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new IllegalArgumentException("--auto-failback is 'on' or 'off', not '" + autoFailback
                        + "'");
            };
        }
        return new HaresourcesImport.Options(name, known, failback, !noStatus, Instant.now());
    }
}
