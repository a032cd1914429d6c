package dev.vigil.cli.admin;

import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.ClusterReport;
import dev.vigil.cli.daemon.ClusterSnapshot;
import dev.vigil.cli.daemon.ClusterSource;
import dev.vigil.cli.simulate.SimulationText;
import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlacementFacts.ResourceFact;
import dev.vigil.core.scheduler.SummaryLine;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The read-only {@code vigil resource} commands: {@code list}, {@code status RSC}, {@code locate RSC}
 * and {@code failcount RSC [NODE]}, from the daemon's status or a CIB file. Exit codes: 0 done,
 * 1 unknown resource or node, 3 unreadable file, 4 daemon unreachable. Stateless.
 */
final class ResourceQueries {
    static final String EXIT_CODES = "Reads the live cluster through the local daemon, or a CIB file with -x. "
            + "Exits 1 for an unknown resource or node, 3 when FILE cannot be read, 4 when the daemon cannot be "
            + "reached.";

    private final CommandSpec spec;
    private final String command;

    ResourceQueries(CommandSpec spec, String command) {
        this.spec = spec;
        this.command = command;
    }

    /** The exit code after {@link #report} returned null. */
    private int failure;

    /** The report, or null after printing why there is none (the exit code is then in {@link #failure}). */
    private ClusterReport report(ClusterSource source) {
        try {
            ClusterSnapshot s = source.load();
            return ClusterReport.of(s, Instant.now());
        } catch (ClusterSource.Unavailable e) {
            error(e.getMessage());
            failure = e.exitCode();
            return null;
        }
    }

    private void error(String message) {
        spec.commandLine().getErr().println("vigil " + command + ": " + message);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int list(ClusterSource source) {
        ClusterReport r = report(source);
        if (r == null) {
            return failure;
        }
        String text = SimulationText.status("", new ClusterView(List.of(), r.transition().before().resources()));
        String resources = text.substring(text.indexOf("  * Full List of Resources:")).replaceFirst("  \\* ", "");
        for (String line : resources.split("\n")) {
            out().println(line.startsWith("  ") ? line.substring(2) : line);
        }
        return ExitCodes.OK;
    }

    int locate(ClusterSource source, String id) {
        ClusterReport r = report(source);
        if (r == null) {
            return failure;
        }
        Optional<ClusterView.ResourceEntry> e = entry(r, id);
        if (e.isEmpty()) {
            error(r.unknownResource(id));
            return ExitCodes.INVALID_CONFIG;
        }
        List<String> lines = new ArrayList<>();
        for (ClusterView.Placement p : placements(e.get())) {
            String line = "resource " + id + " is running on: " + p.node()
                    + (p.role().equals("Started") ? "" : " " + p.role()) + (p.failed() ? " (FAILED)" : "");
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            lines.add("resource " + id + " is NOT running");
        }
        lines.forEach(out()::println);
        return ExitCodes.OK;
    }

    int status(ClusterSource source, String id) {
        ClusterReport r = report(source);
        if (r == null) {
            return failure;
        }
        Optional<ClusterView.ResourceEntry> e = entry(r, id);
        if (e.isEmpty()) {
            error(r.unknownResource(id));
            return ExitCodes.INVALID_CONFIG;
        }
        String text = SimulationText.status("", new ClusterView(List.of(), List.of(e.get())));
        text.substring(text.indexOf("  * Full List of Resources:") + "  * Full List of Resources:\n".length())
                .lines().forEach(l -> out().println(l.substring(Math.min(4, l.length()))));
        ResourceFact f = facts(r, e.get().id());
        out().println("  * target-role: " + f.targetRole() + ", managed: " + (f.managed() ? "yes" : "no")
                + ", resource-stickiness: " + Score.format(f.stickiness()) + ", migration-threshold: "
                + Score.format(f.migrationThreshold()));
        List<String> ids = primitiveIds(e.get());
        for (ClusterReport.FailCount c : r.failCounts()) {
            if (ids.contains(base(c.resource()))) {
                out().println("  * fail count of " + c.resource() + " on " + c.node() + ": " + Score.format(c.count())
                        + " " + operations(c.operations()));
            }
        }
        for (ClusterReport.FailedAction a : r.failedActions()) {
            if (ids.contains(base(a.resource()))) {
                out().println("  * failed: " + a.opKey() + " on " + a.node() + " returned " + a.rc() + " ("
                        + a.rcText() + ")" + (a.exitReason().isEmpty() ? "" : ": " + a.exitReason()));
            }
        }
        for (SummaryLine l : r.transition().summary()) {
            if (!l.fence() && (ids.contains(base(l.subject())) || l.subject().equals(e.get().id()))) {
                out().println("  * next: " + l.change() + " " + l.subject() + " (" + l.details().strip() + ")");
            }
        }
        return ExitCodes.OK;
    }

    int failcount(ClusterSource source, String id, String node) {
        ClusterReport r = report(source);
        if (r == null) {
            return failure;
        }
        Optional<ClusterView.ResourceEntry> e = entry(r, id);
        if (e.isEmpty()) {
            error(r.unknownResource(id));
            return ExitCodes.INVALID_CONFIG;
        }
        if (node != null && r.node(node).isEmpty()) {
            error(r.unknownNode(node));
            return ExitCodes.INVALID_CONFIG;
        }
        for (String primitive : primitiveIds(e.get())) {
            ResourceFact f = facts(r, primitive);
            out().println("Fail counts of " + primitive + " (migration-threshold=" + Score.format(f.migrationThreshold())
                    + "):");
            for (String n : node == null ? r.nodeNames() : List.of(node)) {
                List<ClusterReport.FailCount> counts = r.failCountsOf(primitive).stream()
                        .filter(c -> c.node().equals(n)).toList();
                int total = counts.stream().mapToInt(ClusterReport.FailCount::count).reduce(0, Score::add);
                StringBuilder line = new StringBuilder("  * " + n + ": " + Score.format(total));
                for (ClusterReport.FailCount c : counts) {
                    line.append(' ').append(operations(c.operations()));
                    if (c.lastFailure() > 0) {
                        line.append(", last failure ").append(Instant.ofEpochSecond(c.lastFailure()));
                    }
                }
                out().println(line);
            }
        }
        return ExitCodes.OK;
    }

    private static String operations(Map<String, Integer> ops) {
        List<String> out = new ArrayList<>();
        ops.forEach((op, n) -> out.add((op.isEmpty() ? "(no operation)" : op) + ": " + Score.format(n)));
        return "(" + String.join(", ", out) + ")";
    }

    /**
     * The status entry of a configured id: a top-level resource or group member, or for the resource
     * inside a clone, the clone.
     */
    static Optional<ClusterView.ResourceEntry> entry(ClusterReport r, String id) {
        if (!r.resourceNames().contains(id)) {
            return Optional.empty();
        }
        return find(r.transition().before().resources(), id);
    }

    private static Optional<ClusterView.ResourceEntry> find(List<ClusterView.ResourceEntry> entries, String id) {
        for (ClusterView.ResourceEntry e : entries) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
            if (e.kind().equals("clone") && holds(e, id)) {
                return Optional.of(e);
            }
            Optional<ClusterView.ResourceEntry> inner = find(e.children(), id);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    /** Whether an instance of {@code id} is somewhere inside {@code e}. */
    private static boolean holds(ClusterView.ResourceEntry e, String id) {
        return e.children().stream().anyMatch(c -> base(c.id()).equals(id) || holds(c, id));
    }

    private static ResourceFact facts(ClusterReport r, String id) {
        return r.facts().resource(id).or(() -> r.facts().resources().stream()
                .filter(f -> base(f.id()).equals(id)).findFirst()).orElseThrow();
    }

    /** The placements of an entry and of everything inside it. */
    static List<ClusterView.Placement> placements(ClusterView.ResourceEntry e) {
        List<ClusterView.Placement> out = new ArrayList<>(e.placements());
        e.children().forEach(c -> out.addAll(placements(c)));
        return out;
    }

    /** The primitives' configured ids inside an entry (an anonymous clone's instances count once). */
    private static List<String> primitiveIds(ClusterView.ResourceEntry e) {
        List<String> out = new ArrayList<>();
        if (e.kind().equals("primitive")) {
            out.add(base(e.id()));
        }
        for (ClusterView.ResourceEntry c : e.children()) {
            for (String id : primitiveIds(c)) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static String base(String id) {
        int colon = id.lastIndexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }
}
