package dev.vigil.cli.admin;

import dev.vigil.cli.ExitCodes;
import dev.vigil.cib.Spelling;
import dev.vigil.cli.daemon.ClusterReport;
import dev.vigil.cli.daemon.ClusterSource;
import dev.vigil.core.model.NodeConfig;
import dev.vigil.core.model.NodeState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The read-only {@code vigil node} commands: {@code list} and {@code attribute NODE [NAME]}, from
 * the daemon's status or a CIB file. Exit codes: 0 done, 1 unknown node or attribute, 3 unreadable
 * file, 4 daemon unreachable. Stateless.
 */
final class NodeQueries {
    static final String EXIT_CODES = "Reads the live cluster through the local daemon, or a CIB file with -x. "
            + "Exits 1 for an unknown node or attribute, 3 when FILE cannot be read, 4 when the daemon cannot be "
            + "reached.";

    private final CommandSpec spec;
    private final String command;

    NodeQueries(CommandSpec spec, String command) {
        this.spec = spec;
        this.command = command;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int error(String message, int code) {
        spec.commandLine().getErr().println("vigil " + command + ": " + message);
        return code;
    }

    int list(ClusterSource source) {
        ClusterReport r;
        try {
            r = ClusterReport.of(source.load(), Instant.now());
        } catch (ClusterSource.Unavailable e) {
            return error(e.getMessage(), e.exitCode());
        }
        for (ClusterReport.NodeRow n : r.nodes()) {
            List<String> facts = new ArrayList<>();
            facts.add(n.state());
            if (n.standby() && !n.state().equals("standby")) {
                facts.add("standby");
            }
            if (n.dc()) {
                facts.add("DC");
            }
            if (!r.snapshot().isOffline() && n.online() != n.member()) {
                facts.add(n.member() ? "member" : "not a member of this partition");
            }
            facts.add(n.running() + " resource instance" + (n.running() == 1 ? "" : "s") + " active");
            out().println(n.name() + " (id " + n.id() + "): " + String.join(", ", facts));
        }
        return ExitCodes.OK;
    }

    int attribute(ClusterSource source, String node, String name) {
        ClusterReport r;
        try {
            r = ClusterReport.of(source.load(), Instant.now());
        } catch (ClusterSource.Unavailable e) {
            return error(e.getMessage(), e.exitCode());
        }
        if (r.node(node).isEmpty()) {
            return error(r.unknownNode(node), ExitCodes.INVALID_CONFIG);
        }
        Map<String, String> permanent = new TreeMap<>();
        Map<String, String> transientOnes = new TreeMap<>();
        for (NodeConfig c : r.snapshot().cib().nodes()) {
            if (c.uname().equals(node)) {
                permanent.putAll(c.attributes());
            }
        }
        for (NodeState s : r.snapshot().cib().nodeStates()) {
            if (node.equals(s.uname())) {
                transientOnes.putAll(s.transientAttributes());
            }
        }
        if (name == null) {
            out().println("Attributes of " + node + ":");
            section("permanent (configuration, kept across restarts)", permanent);
            section("transient (status, cleared when the node leaves)", transientOnes);
            return ExitCodes.OK;
        }
        if (!permanent.containsKey(name) && !transientOnes.containsKey(name)) {
            TreeSet<String> known = new TreeSet<>(permanent.keySet());
            known.addAll(transientOnes.keySet());
            String hint = Spelling.closest(name, known).map(k -> "; did you mean '" + k + "'?").orElse("");
            return error(node + " has no attribute '" + name + "' (it has: " + (known.isEmpty() ? "none"
                    : String.join(", ", known)) + ")" + hint, ExitCodes.INVALID_CONFIG);
        }
        if (permanent.containsKey(name)) {
            out().println("scope=nodes  name=" + name + " value=" + permanent.get(name));
        }
        if (transientOnes.containsKey(name)) {
            out().println("scope=status  name=" + name + " value=" + transientOnes.get(name));
        }
        return ExitCodes.OK;
    }

    private void section(String title, Map<String, String> attributes) {
        out().println("  " + title + ":");
        if (attributes.isEmpty()) {
            out().println("    (none)");
        }
        attributes.forEach((k, v) -> out().println("    " + k + "=" + v));
    }
}
