package dev.vigil.cli.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cib.document.CibPersistence;
import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.admin.AdminCall;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.cli.daemon.StatusCommand;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.simulate.SimulationText;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.scheduler.Scheduler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Makes a configuration change that a configure command computed: online (no {@code -x}) it is
 * committed through the local daemon as a configuration replace guarded by the version that was
 * read, so a change someone made in between is never overwritten; offline the new CIB is printed
 * or written to {@code -o}. With {@code --dry-run} nothing is committed and the transition the
 * change would cause is shown. Stateless.
 */
public final class ConfigChange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigChange() {
    }

    /**
     * @param read the CIB the change was computed from
     * @param result the CIB with the change
     * @param output offline: where to write the new CIB (null: standard output)
     */
    public static int commit(CommandSpec spec, String prefix, CibSourceOption cib, CibInput.Loaded read, XmlElement result,
            DryRunOption dryRun, Path output) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CibInput.Loaded checked = CibInput.check(read.name(), result);
        if (checked.hasErrors()) {
            for (ConfigProblem p : checked.problems()) {
                if (p.isError()) {
                    err.println(prefix + p.render(null));
                }
            }
            err.println(prefix + "the new configuration has errors; nothing was changed");
            return ExitCodes.INVALID_CONFIG;
        }
        boolean preview = dryRun != null && dryRun.enabled();
        if (!cib.online()) {
            if (preview) {
                out.println("Dry run: nothing was written. This is the transition the change would cause:");
                out.print(SimulationText.summary(Scheduler.schedule(CibReader.read(result).cib(), Instant.now())));
                return ExitCodes.OK;
            }
            Output.write(XmlWriter.toXml(result), output, out);
            return ExitCodes.OK;
        }
        ObjectNode args = JSON.createObjectNode().put("xml", XmlWriter.toXml(result))
                .put("expected_epoch", version(read.root())).put("command", AdminCall.commandText(spec));
        if (preview) {
            args.put("dry_run", true);
        }
        try (ControlClient client = ControlClient.connect(cib.socket())) {
            JsonNode r = client.call("cib-replace", args);
            out.println(preview ? r.path("message").asText() : "CIB updated to version " + r.path("version").asText());
            return ExitCodes.OK;
        } catch (ControlException e) {
            err.println(prefix + e.getMessage());
            return AdminCall.exitCode(e.code());
        }
    }

    /**
     * Reads the CIB, applies {@code change} and commits the result; {@code change} throws
     * IllegalArgumentException to refuse (exit 1, its message printed).
     */
    public static int edit(CommandSpec spec, String prefix, CibSourceOption cib, DryRunOption dryRun, Path output,
            java.util.function.UnaryOperator<XmlElement> change) throws IOException {
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (dev.vigil.cli.simulate.BadInputException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return unreadable(e);
        }
        XmlElement result;
        try {
            result = change.apply(loaded.root());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(prefix + e.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        return commit(spec, prefix, cib, loaded, result, dryRun, output);
    }

    /** {@code change} applied offline to {@code root}, checked as the daemon would; IllegalArgumentException when refused. */
    public static XmlElement applied(XmlElement root, CibChange change) {
        XmlCibDocument doc = new XmlCibDocument(root, CibPersistence.none(), Clock.systemUTC());
        List<String> problems = doc.apply(change);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return doc.root();
    }

    /** {@code admin_epoch.epoch} of a CIB. */
    static String version(XmlElement root) {
        return num(root.attr("admin_epoch")) + "." + num(root.attr("epoch"));
    }

    private static String num(String v) {
        return v == null || v.isBlank() ? "0" : v.trim();
    }

    /** Exit code for a source that could not be read. */
    public static int unreadable(Exception e) {
        return e instanceof DaemonCibSource.DaemonUnreachable ? StatusCommand.UNREACHABLE : ExitCodes.BAD_INPUT;
    }
}
