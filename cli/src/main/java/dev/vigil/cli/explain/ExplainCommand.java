package dev.vigil.cli.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.ClusterReport;
import dev.vigil.cli.daemon.ClusterSnapshot;
import dev.vigil.cli.daemon.ClusterSource;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil explain RSC}: why a resource is where it is, and what would move it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain why a resource runs where it does (or is stopped): each node's allocation score "
                + "and what adds up to it (location constraints and rules, bans and preferences from 'vigil "
                + "resource move', resource-stickiness where it runs, fail counts against migration-threshold, "
                + "history bans, node standby/maintenance/offline, colocations, target-role), checked against "
                + "the scheduler's own scores, and what would move it.",
                "Reads the live cluster through the local daemon, or a CIB file with -x. Exits 1 for an unknown "
                        + "resource, 3 when FILE cannot be read, 4 when the daemon cannot be reached."})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSource source;

    @Parameters(index = "0", paramLabel = "RSC", description = "The resource (a primitive, group, clone or a "
            + "resource inside one).")
    String resource;

    @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--verbose", description = "Show stack traces on internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("vigil explain: unknown output format '" + format + "' (expected text or json)");
            return ExitCodes.USAGE;
        }
        ClusterSnapshot snapshot;
        try {
            snapshot = source.load();
        } catch (ClusterSource.Unavailable e) {
            err.println("vigil explain: " + e.getMessage());
            return e.exitCode();
        }
        Explanation e;
        try {
            e = Explainer.explain(ClusterReport.of(snapshot, Instant.now()), resource);
        } catch (IllegalArgumentException unknown) {
            err.println("vigil explain: " + unknown.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        if (format.equals("json")) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(ExplanationText.json(e)));
        } else {
            out.print(ExplanationText.text(e));
        }
        return ExitCodes.OK;
    }
}
