package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil status}: the cluster as the local daemon sees it, like {@code crm_mon -1}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster as the local daemon sees it (like crm_mon -1): DC, CIB version, links, "
                + "nodes, resources with their roles and nodes, failed actions, fail counts, fencing history and "
                + "warnings.",
                "With -x FILE, a saved CIB instead of the daemon. --output-as json adds structured 'nodes', "
                        + "'resources', 'failed_actions' and 'fail_counts' to the daemon's answer; xml is laid out "
                        + "like crm_mon's. --watch refreshes until interrupted (or --count times).",
                "Exits 4 when the daemon cannot be reached, 3 when FILE cannot be read, 2 on wrong usage."})
public final class StatusCommand implements Callable<Integer> {
    /** Exit status when the local daemon cannot be reached. */
    public static final int UNREACHABLE = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSource source;

    @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or xml (with --watch, json is one line per refresh).")
    String format;

    @Option(names = {"-w", "--watch"}, description = "Refresh every --interval until interrupted (like crm_mon).")
    boolean watch;

    @Option(names = {"-i", "--interval"}, paramLabel = "TIME", defaultValue = "5s",
            description = "Time between refreshes with --watch: 5s, 500ms, 1m; a bare number is seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "With --watch, stop after N refreshes (for scripts and tests).")
    Integer count;

    @Option(names = "--verbose", description = "Show stack traces on internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!java.util.List.of("text", "json", "xml").contains(format)) {
            err.println("vigil status: unknown output format '" + format + "' (expected text, json or xml)");
            return ExitCodes.USAGE;
        }
        if (!watch) {
            return showOnce(false);
        }
        java.time.Duration every = StatusWatch.interval(interval);
        if (every == null || (count != null && count < 1)) {
            err.println("vigil status: " + (every == null ? "'" + interval + "' is not a time (expected e.g. 5s, "
                    + "500ms, 1m or a number of seconds)" : "--count must be at least 1"));
            return ExitCodes.USAGE;
        }
        return new StatusWatch(every, count).run(() -> showOnce(true), spec.commandLine().getOut());
    }

    /** Reads the cluster once and prints it; returns the exit code of this refresh. */
    private int showOnce(boolean watching) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSnapshot snapshot;
        try {
            snapshot = source.load();
        } catch (ClusterSource.Unavailable e) {
            err.println("vigil status: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
        switch (format) {
            case "json" -> {
                ObjectMapper mapper = new ObjectMapper();
                if (!watching) {
                    mapper.enable(SerializationFeature.INDENT_OUTPUT);
                }
                out.println(mapper.writeValueAsString(StatusJson.of(ClusterReport.of(snapshot, Instant.now()))));
            }
            case "xml" -> out.print(StatusXml.render(ClusterReport.of(snapshot, Instant.now())));
            default -> out.print(StatusText.render(snapshot.isOffline() ? offlineStatus(snapshot) : snapshot.status()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The fields of a daemon's answer that a CIB file can supply, for the text layout. */
    private static JsonNode offlineStatus(ClusterSnapshot s) {
        ObjectNode o = new ObjectMapper().createObjectNode().put("dc", s.dc())
                .put("cib_version", s.cib().version().toString()).put("cib", s.cibXml());
        o.putObject("quorum").put("quorate", s.cib().haveQuorum()).put("summary", (s.cib().haveQuorum() ? "" : "no ")
                + "quorum when " + s.source() + " was saved (have-quorum)");
        return o;
    }
}
