package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cib.document.MoveConstraints;
import dev.vigil.cib.document.StatusCleanup;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.daemon.ipc.Request;
import dev.vigil.core.controller.Controller;
import dev.vigil.core.controller.ControllerStatus;
import dev.vigil.core.model.Cib;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's administration operations, done as Pacemaker's tools do them:
 * {@code resource-move}/{@code resource-clear} ({@code crm_resource --move/--ban/--clear}),
 * {@code resource-cleanup} ({@code --cleanup}), {@code resource-start}/{@code resource-stop}
 * ({@code target-role}) and {@code node-standby}/{@code node-online} ({@code crm_standby}). Each
 * reads this node's copy of the CIB (where a resource runs, what a change will remove) on
 * {@code executor}, then asks the DC for the change and answers the new CIB version and a
 * message for people. Thread-safe: only immutable snapshots are shared.
 */
final class AdminRequests {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Controller controller;
    private final Clock clock;
    private final Executor executor;

    AdminRequests(Controller controller, Clock clock, Executor executor) {
        this.controller = controller;
        this.clock = clock;
        this.executor = executor;
    }

    /** This node's CIB at one moment, parsed. */
    private record Snapshot(ControllerStatus status, XmlElement root, Cib cib, Instant now) {
        ClusterView view() {
            return Scheduler.schedule(cib, now).before();
        }
    }

    /** The changes to ask the DC for, in order (none when there is nothing to do), and what to tell the user. */
    private record Plan(List<CibChange> changes, String message) {
    }

    @FunctionalInterface
    private interface Planner {
        Plan plan(Snapshot s) throws ControlException;
    }

    CompletableFuture<JsonNode> move(Request request, String rsc, String node, String lifetime) {
        Instant until = lifetime == null ? null : Lifetime.end(lifetime, clock.instant());
        return run(request, s -> {
            CibResources.require(s.root(), rsc);
            List<String> on = CibResources.runningOn(s.view(), rsc);
            if (node == null) {
                return away(rsc, on, until);
            }
            CibResources.requireNode(s.root(), node);
            if (on.equals(List.of(node))) {
                throw new ControlException(ControlException.INVALID, "'" + rsc + "' is already running on '"
                        + node + "'; nothing to move");
            }
            return to(s, rsc, node, until);
        });
    }

    /** {@code crm_resource --move} without a node: ban the resource from the one node where it runs. */
    private static Plan away(String rsc, List<String> on, Instant until) throws ControlException {
        if (on.size() != 1) {
            throw new ControlException(ControlException.INVALID, "'" + rsc + "' is " + (on.isEmpty()
                    ? "not running, so there is no node to move it away from"
                    : "running on " + String.join(", ", on) + ", so it is unclear which node to leave")
                    + "; name the node to move it to");
        }
        String from = on.get(0);
        return new Plan(List.of(set(MoveConstraints.ban(rsc, from, until))), "Created "
                + MoveConstraints.banId(rsc, from) + ": " + rsc + " may not run on " + from + " (score -INFINITY)"
                + expiry(until) + ", even if " + from + " is the last node left. " + howToClear(rsc));
    }

    /** {@code crm_resource --move --node}: lift a ban from the target, then prefer it. */
    private static Plan to(Snapshot s, String rsc, String node, Instant until) {
        List<CibChange> changes = new ArrayList<>();
        String banId = MoveConstraints.banId(rsc, node);
        String unbanned = "";
        if (MoveConstraints.find(s.root(), rsc, node).contains(banId)) {
            changes.add(new CibChange.MoveConstraintsCleared(rsc, node));
            unbanned = "Removed " + banId + ", which kept it off " + node + ". ";
        }
        changes.add(set(MoveConstraints.prefer(rsc, node, until)));
        return new Plan(changes, unbanned + "Created " + MoveConstraints.preferId(rsc) + ": " + rsc + " prefers "
                + node + " (score INFINITY)" + expiry(until) + " and stays there while " + node + " can run it. "
                + howToClear(rsc));
    }

    private static String expiry(Instant until) {
        return until == null ? "" : " until " + MoveConstraints.formatEnd(until);
    }

    private static String howToClear(String rsc) {
        return "Run `vigil resource clear " + rsc + "` to remove it.";
    }

    CompletableFuture<JsonNode> clear(Request request, String rsc, String node) {
        return run(request, s -> {
            CibResources.require(s.root(), rsc);
            if (node != null) {
                CibResources.requireNode(s.root(), node);
            }
            List<String> ids = MoveConstraints.find(s.root(), rsc, node);
            String where = node == null ? "" : " on " + node;
            if (ids.isEmpty()) {
                return new Plan(List.of(), "Nothing to clear: " + rsc + " has no move or ban constraints" + where
                        + ".");
            }
            return new Plan(List.of(new CibChange.MoveConstraintsCleared(rsc, node)), "Removed "
                    + String.join(", ", ids) + ": " + rsc + " may run wherever its other constraints allow.");
        });
    }

    CompletableFuture<JsonNode> cleanup(Request request, String rsc, String node) {
        return run(request, s -> {
            if (node != null) {
                CibResources.requireNode(s.root(), node);
            }
            StatusCleanup.Plan plan;
            try {
                plan = StatusCleanup.plan(s.root(), rsc, node);
            } catch (IllegalArgumentException e) {
                throw new ControlException(ControlException.NOT_FOUND, e.getMessage());
            }
            String where = node == null ? "" : " on " + node;
            if (plan.isEmpty()) {
                return new Plan(List.of(), "Nothing to clean up: " + (rsc == null ? "no resource has a recorded "
                        + "failure" : rsc + " has no history or failures") + where + ".");
            }
            StringBuilder m = new StringBuilder("Cleaned up " + (rsc == null ? "the failed resources" : rsc) + where
                    + " (history and failures forgotten; the cluster will probe " + (rsc == null ? "them" : "it")
                    + " again):");
            List<String> nodes = new ArrayList<>(plan.history().keySet());
            plan.attributes().keySet().stream().filter(n -> !nodes.contains(n)).forEach(nodes::add);
            for (String n : nodes) {
                List<String> parts = new ArrayList<>();
                List<String> history = plan.history().getOrDefault(n, List.of());
                if (!history.isEmpty()) {
                    parts.add("history of " + String.join(", ", history));
                }
                parts.addAll(plan.attributes().getOrDefault(n, List.of()));
                m.append("\n  ").append(n).append(": ").append(String.join(", ", parts));
            }
            return new Plan(List.of(new CibChange.ResourceCleanup(rsc, node)), m.toString());
        });
    }

    /** {@code resource-start} / {@code resource-stop}: the resource's {@code target-role}. */
    CompletableFuture<JsonNode> targetRole(Request request, String rsc, boolean started) {
        String role = started ? "Started" : "Stopped";
        return run(request, s -> {
            CibResources.require(s.root(), rsc);
            StringBuilder m = new StringBuilder("Set target-role=" + role + " on " + rsc + ": the cluster will "
                    + (started ? "start it where it may run." : "stop it."));
            if (started) {
                for (String note : CibResources.stoppedElsewhere(s.root(), rsc)) {
                    m.append("\nNote: ").append(note);
                }
            }
            return new Plan(List.of(new CibChange.ResourceMetaSet(rsc, "target-role", role)), m.toString());
        });
    }

    /** {@code node-standby} / {@code node-online}: the permanent {@code standby} attribute, this node by default. */
    CompletableFuture<JsonNode> standby(Request request, String requestedNode, boolean standby) {
        return standby(request, requestedNode, standby, false);
    }

    /**
     * @param untilRestart standby only until the node's daemon restarts (a transient attribute, like
     *        crm_standby --lifetime reboot); {@code online} always clears both kinds
     */
    CompletableFuture<JsonNode> standby(Request request, String requestedNode, boolean standby,
            boolean untilRestart) {
        return run(request, s -> {
            String node = requestedNode != null ? requestedNode : s.status().node();
            CibResources.requireNode(s.root(), node);
            if (!standby) {
                List<CibChange> changes = new ArrayList<>();
                changes.add(new CibChange.NodeConfigAttributeSet(node, "standby", "off"));
                if (s.cib().nodeStates().stream().anyMatch(ns -> ns.uname().equals(node)
                        && ns.transientAttributes().containsKey("standby"))) {
                    java.util.Map<String, String> clear = new java.util.HashMap<>();
                    clear.put("standby", null);
                    changes.add(new CibChange.NodeAttributesChanged(node, clear));
                }
                return new Plan(changes, node + " is online: it may run resources again (resources with "
                        + "stickiness stay where they are).");
            }
            CibChange change = untilRestart ? new CibChange.NodeAttributesChanged(node, java.util.Map.of("standby", "on"))
                    : new CibChange.NodeConfigAttributeSet(node, "standby", "on");
            List<String> running = CibResources.resourcesOn(s.view(), node);
            return new Plan(List.of(change), node + " is in standby" + (untilRestart ? " until Vigil restarts there"
                    : "") + ": " + (running.isEmpty() ? "it runs no resources."
                    : "its resources (" + String.join(", ", running) + ") move to other nodes or stop."));
        });
    }

    /** {@code vigil node attribute NODE NAME [VALUE]}: set or (value null) delete a node attribute. */
    CompletableFuture<JsonNode> nodeAttribute(Request request, String node, String name, String value,
            boolean untilRestart) {
        return run(request, s -> {
            CibResources.requireNode(s.root(), node);
            java.util.Map<String, String> values = new java.util.HashMap<>();
            values.put(name, value);
            CibChange change = untilRestart ? new CibChange.NodeAttributesChanged(node, values)
                    : new CibChange.NodeConfigAttributeSet(node, name, value);
            return new Plan(List.of(change), value == null ? "Deleted " + name + " of " + node + "."
                    : "Set " + name + "=" + value + " on " + node + (untilRestart ? " (until it leaves)." : "."));
        });
    }

    /** {@code vigil node maintenance}: the node attribute maintenance=true/false. */
    CompletableFuture<JsonNode> maintenance(Request request, String requestedNode, boolean on) {
        return run(request, s -> {
            String node = requestedNode != null ? requestedNode : s.status().node();
            CibResources.requireNode(s.root(), node);
            return new Plan(List.of(new CibChange.NodeConfigAttributeSet(node, "maintenance", on ? "true" : "false")),
                    node + (on ? " is in maintenance: the cluster leaves what runs there alone (not started, stopped "
                            + "or monitored) until 'vigil node maintenance " + node + " --off'."
                            : " is out of maintenance: the cluster manages it again."));
        });
    }

    private static CibChange set(XmlElement constraint) {
        return new CibChange.LocationConstraintSet(constraint.toString());
    }

    private CompletableFuture<JsonNode> run(Request request, Planner planner) {
        return controller.status().thenApplyAsync(this::snapshot, executor).thenCompose(s -> {
            Plan plan;
            try {
                plan = planner.plan(s);
            } catch (ControlException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (DaemonRequests.isDryRun(request)) {
                try {
                    return CompletableFuture.completedFuture(Preview.of(s.status(), plan.changes().stream()
                            .map(c -> DaemonRequests.attributed(request, c, s.status().node())).toList(), s.now(),
                            plan.message()));
                } catch (ControlException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            LOG.info("{} (uid {}) asked for {}: {}", request.peer().user(), request.peer().uid(), request.op(),
                    plan.changes());
            CompletableFuture<Void> applied = CompletableFuture.completedFuture(null);
            for (CibChange c : plan.changes()) {
                applied = applied.thenCompose(v -> apply(request, c));
            }
            return applied.thenCompose(v -> controller.status()).thenApply(st -> (JsonNode) JSON.createObjectNode()
                    .put("version", st.cibVersion().toString()).put("changed", !plan.changes().isEmpty())
                    .put("message", plan.message()));
        });
    }

    private CompletableFuture<Void> apply(Request request, CibChange change) {
        return controller.change(DaemonRequests.attributed(request, change, controller.nodeName()))
                .thenCompose(problems -> {
            if (problems.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.warn("{} refused: {}", request.op(), String.join("; ", problems));
            return CompletableFuture.failedFuture(new ControlException(ControlException.INVALID,
                    String.join("\n", problems)));
        });
    }

    private Snapshot snapshot(ControllerStatus status) {
        try {
            XmlElement root = XmlParser.parse(status.cibXml(), "the CIB of " + status.node());
            return new Snapshot(status, root, CibReader.read(root).cib(), clock.instant());
        } catch (XmlParseException e) {
            throw new CompletionException(new ControlException(ControlException.INTERNAL,
                    "this node's CIB cannot be read: " + e.getMessage(), e));
        }
    }
}
