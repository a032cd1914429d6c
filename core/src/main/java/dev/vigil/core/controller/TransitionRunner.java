package dev.vigil.core.controller;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.model.Role;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.CibDocument;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.model.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlannedAction;
import dev.vigil.core.scheduler.Scheduler;
import dev.vigil.core.scheduler.SummaryLine;
import dev.vigil.core.scheduler.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DC's transition engine: runs the scheduler on the current CIB and executes the actions
 * one after another in the order the scheduler gives (always a valid order), recording every
 * result in the CIB and replicating it. An unexpected result aborts the transition and the
 * scheduler runs again on the new state. Once nothing is left to do, makes sure every running
 * resource has its recurring monitors. Event-loop only.
 *
 * <p>Fencing: with fencing enabled and a fence device configured, a fence action runs through the
 * {@link FenceSender} before anything else; its success is recorded ({@link CibChange.NodeFenced})
 * and the scheduler runs again, now free to recover the node's resources. A failed fencing is
 * retried after a pause and nothing that depends on it runs. Without a device only stops,
 * demotes and probes run, and the warnings say why.
 */
final class TransitionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionRunner.class);
    private static final int MAX_BACK_TO_BACK = 25;

    interface ExecSender {
        void send(String node, long id, OperationRequest request);
    }

    /** Runs a fencing request; the future completes on any thread. */
    interface FenceSender {
        CompletableFuture<FenceResult> fence(FenceRequest request);
    }

    private static final Duration FENCE_RETRY = Duration.ofSeconds(5);

    private record Pending(long transition, PlannedAction action, EventLoop.Cancellable timer) {
    }

    private static final class Run {
        final long id;
        final List<PlannedAction> actions;
        int next;

        Run(long id, List<PlannedAction> actions) {
            this.id = id;
            this.actions = actions;
        }
    }

    private final ControllerSettings settings;
    private final EventLoop loop;
    private final CibDocument cib;
    private final ExecSender sender;
    private final Runnable replicate;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Set<String> monitorsRequested = new HashSet<>();
    private List<String> members = List.of();
    private List<String> warnings = List.of();
    private boolean active;
    private boolean runQueued;
    private Run current;
    private long transitionCounter;
    private long nextId = 1;
    private int callId;
    private int backToBack;
    private final FenceSender fencer;
    private final Map<String, Integer> fenceFailures = new HashMap<>();
    private boolean fenceRetryScheduled;
    private Set<String> crashed = Set.of();
    private boolean splitDelay = true;

    TransitionRunner(ControllerSettings settings, EventLoop loop, CibDocument cib, ExecSender sender,
            Runnable replicate) {
        this(settings, loop, cib, sender, replicate, null);
    }

    TransitionRunner(ControllerSettings settings, EventLoop loop, CibDocument cib, ExecSender sender,
            Runnable replicate, FenceSender fencer) {
        this.fencer = fencer;
        this.settings = settings;
        this.loop = loop;
        this.cib = cib;
        this.sender = sender;
        this.replicate = replicate;
    }

    void pause() {
        active = false;
        if (current != null) {
            LOG.info("transition {} interrupted by a membership change", current.id);
        }
        current = null;
        cancelPending();
    }

    void abandon(String why) {
        if (active || current != null) {
            LOG.info("no longer DC ({}); transitions stop here", why);
        }
        pause();
        monitorsRequested.clear();
    }

    void resume(List<String> newMembers) {
        members = List.copyOf(newMembers);
        active = true;
        monitorsRequested.clear();
        callId = Math.max(callId, maxCallId(cib.model()));
        requestRun("membership");
    }

    void requestRun(String reason) {
        if (!active) {
            return;
        }
        if (!reason.equals("transition complete") && !reason.equals("transition aborted")) {
            backToBack = 0;
        }
        if (current != null) {
            return; // the end of the current transition runs the scheduler again
        }
        if (!runQueued) {
            runQueued = true;
            loop.execute(this::run);
        }
    }

    String describe() {
        Run r = current;
        return r == null ? "" : "transition " + r.id + ": action " + (r.next + 1) + " of " + r.actions.size();
    }

    List<String> warnings() {
        return warningsFor(fencingEnabled(), canFence(cib.model()));
    }

    /** Whether fencing can actually be carried out: a fencer and at least one fence device. */
    private boolean canFence(Cib model) {
        return fencer != null && model.resources().stream().flatMap(r -> r.primitives().stream())
                .anyMatch(p -> p.isFencingDevice());
    }

    boolean fencingEnabled() {
        return cib.model().fencingEnabled();
    }

    private void run() {
        runQueued = false;
        if (!active || current != null) {
            return;
        }
        Cib model = cib.model();
        Transition t = Scheduler.schedule(model, loop.now());
        boolean fencing = fencingEnabled();
        boolean canFence = canFence(model);
        updateWarnings(fencing, canFence);
        List<PlannedAction> todo = new ArrayList<>();
        for (PlannedAction a : t.actions()) {
            if (!a.runnable() || a.kind().equals("pseudo")) {
                continue;
            }
            if (a.kind().equals("fence")) {
                if (!canFence) {
                    LOG.error("the scheduler wants {} fenced, but no fence device is configured; "
                            + "resources that depend on it stay stopped", a.node());
                } else if (!fenceRetryScheduled) {
                    todo.add(0, a);
                }
                continue;
            }
            if (fencing && (!canFence || fenceRetryScheduled) && !isSafeWithoutFencing(a)) {
                continue; // may depend on a fencing that has not happened
            }
            if (!members.contains(a.node())) {
                continue;
            }
            todo.add(a);
        }
        if (todo.isEmpty()) {
            ensureMonitors(model, t.before());
            return;
        }
        if (++backToBack > MAX_BACK_TO_BACK) {
            LOG.error("{} transitions in a row without settling; waiting for the next change before trying again",
                    MAX_BACK_TO_BACK);
            return;
        }
        current = new Run(++transitionCounter, todo);
        LOG.info("transition {} started: {} action(s){}", current.id, todo.size(), summary(t.summary()));
        advance();
    }

    private static boolean isSafeWithoutFencing(PlannedAction a) {
        String task = a.task();
        return task.equals("stop") || task.equals("demote") || task.equals("monitor");
    }

    private void updateWarnings(boolean fencing, boolean canFence) {
        List<String> w = warningsFor(fencing, canFence);
        if (!w.equals(warnings)) {
            w.forEach(line -> LOG.warn("{}", line));
        }
        warnings = w;
    }

    /** What the operator must know about how this CIB lets the cluster run (shown by every node). */
    static List<String> warningsFor(boolean fencing, boolean canFence) {
        if (fencing && canFence) {
            return List.of();
        }
        if (fencing) {
            return List.of("fencing is enabled (the default) but no fence device is configured, so no resource is "
                    + "started; configure a stonith device (see `vigil stonith list`) or set the cluster property "
                    + "stonith-enabled=false to run without fencing (unsafe: a node that stops responding is "
                    + "assumed down)");
        }
        return List.of("fencing is disabled (stonith-enabled=false): a node that stops responding is assumed down "
                + "and its resources are started elsewhere, which may run them twice");
    }

    private static String summary(List<SummaryLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (SummaryLine l : lines) {
            sb.append("\n  ").append(l.render(0, 0).strip().replaceAll("\\s+", " "));
        }
        return sb.toString();
    }

    private void advance() {
        Cib model = cib.model();
        while (current != null && current.next < current.actions.size()) {
            PlannedAction a = current.actions.get(current.next);
            if (a.kind().equals("fence")) {
                fence(current.id, a, model);
                return;
            }
            Optional<OperationFactory.Target> target = OperationFactory.target(model, a.resource());
            if (target.isEmpty()) {
                LOG.warn("transition {}: resource {} is not in the configuration any more; skipping {}",
                        current.id, a.resource(), a.task());
                current.next++;
                continue;
            }
            OperationRequest request = OperationFactory.request(model, target.get(), a.task());
            long id = request.isRecurring() ? 0 : nextId++;
            if (request.isRecurring()) {
                monitorsRequested.add(a.node() + "|" + request.key());
                sender.send(a.node(), 0, request);
                current.next++;
                continue;
            }
            long transition = current.id;
            EventLoop.Cancellable timer = loop.schedule(() -> lost(a.node(), id, request),
                    request.timeout().plus(settings.resultSlack()));
            pending.put(id, new Pending(transition, a, timer));
            sender.send(a.node(), id, request);
            return;
        }
        if (current != null) {
            LOG.info("transition {} complete", current.id);
            current = null;
            // Always look again: the results may call for more (a failed start elsewhere, monitors).
            requestRun("transition complete");
        }
    }

    private void fence(long transition, PlannedAction a, Cib model) {
        FenceAction action = FenceAction.parse(a.task());
        // No overall bound: each device attempt has its own timeout (stonith-timeout by default), so
        // a hung first level still leaves the later levels their full time.
        FenceRequest request = FenceRequest.of(a.node(), action, settings.nodeName());
        Optional<FencingDelay.Delay> delay = members.contains(a.node()) || !splitDelay ? Optional.empty()
                : FencingDelay.forLostNode(model, a.node(), members, crashed.contains(a.node()), loop.now());
        if (delay.isEmpty()) {
            LOG.info("transition {}: fencing {} ({})", transition, a.node(), action.value());
            fencer.fence(request).thenAccept(r -> loop.execute(() -> onFenced(transition, a, r)));
            return;
        }
        LOG.info("transition {}: fencing {} ({}) in {} ms: {}", transition, a.node(), action.value(),
                delay.get().length().toMillis(), delay.get().reason());
        loop.schedule(() -> fencer.fence(request).thenAccept(r -> loop.execute(() -> onFenced(transition, a, r))),
                delay.get().length());
    }

    private void onFenced(long transition, PlannedAction a, FenceResult r) {
        if (r.isSuccess()) {
            LOG.info("node {} fenced ({}) by {}{} in {} ms; its resources may now be recovered", a.node(),
                    r.request().action().value(), String.join(", ", r.devices()),
                    r.level() > 0 ? " (level " + r.level() + ")" : "",
                    Duration.between(r.started(), r.finished()).toMillis());
            nodeFenced(a.node());
        } else if (!fenceFailures.containsKey(a.node()) && isFenced(a.node())) {
            LOG.info("fencing {} ended {} after it was confirmed down; nothing to do", a.node(), r.status());
        } else {
            int failures = fenceFailures.merge(a.node(), 1, Integer::sum);
            LOG.error("fencing {} failed ({}, attempt {}): {}; resources that depend on it stay stopped; "
                    + "retrying in {} s", a.node(), r.status(), failures, r.error(), FENCE_RETRY.toSeconds());
            fenceRetryScheduled = true;
            loop.schedule(() -> {
                fenceRetryScheduled = false;
                requestRun("fencing retry");
            }, FENCE_RETRY);
        }
        if (current != null && current.id == transition) {
            current = null;
            cancelPending();
        }
        requestRun(r.isSuccess() ? "node fenced" : "fencing failed");
    }

    /** {@code node} is down (fenced, or confirmed by an operator): recorded, replicated, scheduled again. */
    void nodeFenced(String node) {
        fenceFailures.remove(node);
        fenceRetryScheduled = false;
        List<String> problems = cib.apply(new CibChange.NodeFenced(node));
        if (!problems.isEmpty()) {
            LOG.error("could not record the fencing of {}: {}", node, String.join("; ", problems));
        }
        replicate.run();
        requestRun("node fenced");
    }

    /** Whether the CIB says {@code node} is down and expected down (as {@link CibChange.NodeFenced} leaves it). */
    private boolean isFenced(String node) {
        return cib.model().nodeStates().stream().anyMatch(s -> s.uname().equals(node) && "down".equals(s.expected())
                && s.history().isEmpty());
    }

    /** A quorum server arbitrates splits: no priority delay before fencing a lost node. */
    void noSplitDelay() {
        splitDelay = false;
    }

    /** Nodes whose daemon was seen to end (their connections closed) rather than go silent. */
    void crashed(Set<String> nodes) {
        crashed = Set.copyOf(nodes);
    }

    /** Fencing results since the last success, per node (for status). */
    Map<String, Integer> fenceFailures() {
        return Map.copyOf(fenceFailures);
    }

    private void lost(String node, long id, OperationRequest request) {
        if (!pending.containsKey(id)) {
            return;
        }
        LOG.warn("no result for {} on {} within its timeout plus {}; counting it as timed out", request.key(),
                node, settings.resultSlack());
        onResult(node, id, OperationResult.refused(request, ExecStatus.TIMED_OUT, OcfStatus.ERR_GENERIC,
                "no result from " + node + " in time", loop.now()));
    }

    /** A result from a node ({@code id} 0: a recurring operation's change). */
    void onResult(String node, long id, OperationResult r) {
        Cib model = cib.model();
        Optional<OperationFactory.Target> target = OperationFactory.target(model, r.request().resourceId());
        if (target.isEmpty()) {
            LOG.debug("result for unknown resource {} ignored", r.request().resourceId());
            return;
        }
        Pending p = id == 0 ? null : pending.remove(id);
        if (id != 0 && p == null) {
            LOG.debug("late result {} from {} ignored", r.request().key(), node);
            return;
        }
        if (p != null) {
            p.timer().cancel();
        }
        long transition = p == null ? transitionCounter : p.transition();
        for (CibChange c : ResultRecorder.changes(model, node, target.get(), r, ++callId, transition)) {
            List<String> problems = cib.apply(c);
            if (!problems.isEmpty()) {
                LOG.error("could not record {} on {}: {}", r.request().key(), node, String.join("; ", problems));
            }
        }
        replicate.run();
        boolean failure = ResultRecorder.isFailure(r);
        String outcome = r.execStatus() == ExecStatus.DONE ? r.status().description()
                : r.execStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String reason = r.exitReason().isEmpty() ? "" : " (" + r.exitReason() + ")";
        if (failure) {
            LOG.warn("{} {} on {} failed: {}{}", r.request().resourceId(), opName(r.request()), node, outcome, reason);
        } else if (id != 0) {
            LOG.info("{} {} on {}: {}", r.request().resourceId(), opName(r.request()), node, outcome);
        }
        if (id == 0) {
            if (failure) {
                requestRun("monitor failure");
            }
            return;
        }
        if (current == null || current.id != p.transition()) {
            return;
        }
        boolean probeFoundSomething = r.request().action().equals("monitor") && !r.request().isRecurring()
                && r.status() != OcfStatus.NOT_RUNNING;
        if (failure || probeFoundSomething) {
            LOG.info("transition {} aborted: {} {} on {} returned {}", current.id, r.request().resourceId(),
                    opName(r.request()), node, outcome);
            current = null;
            cancelPending();
            requestRun("transition aborted");
            return;
        }
        current.next++;
        advance();
    }

    private static String opName(OperationRequest q) {
        if (q.action().equals("monitor")) {
            return q.isRecurring() ? "monitor (every " + q.interval().toMillis() + "ms)" : "probe";
        }
        return q.action();
    }

    /** Asks for each configured recurring monitor that a running resource does not have yet. */
    private void ensureMonitors(Cib model, ClusterView view) {
        for (ClusterView.ResourceEntry e : flatten(view.resources())) {
            for (ClusterView.Placement pl : e.placements()) {
                if (pl.failed() || pl.node() == null || !members.contains(pl.node())) {
                    continue;
                }
                Role role = roleOf(pl.role());
                if (role == null) {
                    continue;
                }
                Optional<OperationFactory.Target> t = OperationFactory.target(model, e.id());
                if (t.isEmpty()) {
                    continue;
                }
                for (Operation op : t.get().primitive().operations()) {
                    if (!op.name().equals("monitor") || op.intervalMs() <= 0 || !op.enabled()
                            || !roleMatches(op.role(), role)) {
                        continue;
                    }
                    OperationRequest req = OperationFactory.request(model, t.get(), "monitor=" + op.intervalMs());
                    String mark = pl.node() + "|" + req.key();
                    if (!monitorsRequested.contains(mark) && !hasRecord(model, pl.node(), t.get().historyId(),
                            op.intervalMs())) {
                        monitorsRequested.add(mark);
                        LOG.info("starting the {} ms monitor of {} on {}", op.intervalMs(), e.id(), pl.node());
                        sender.send(pl.node(), 0, req);
                    }
                }
            }
        }
    }

    private static List<ClusterView.ResourceEntry> flatten(List<ClusterView.ResourceEntry> entries) {
        List<ClusterView.ResourceEntry> out = new ArrayList<>();
        for (ClusterView.ResourceEntry e : entries) {
            if (e.kind().equals("primitive")) {
                out.add(e);
            }
            out.addAll(flatten(e.children()));
        }
        return out;
    }

    private static Role roleOf(String role) {
        return switch (role) {
            case "Started" -> Role.STARTED;
            case "Promoted", "Master" -> Role.PROMOTED;
            case "Unpromoted", "Slave" -> Role.UNPROMOTED;
            default -> null;
        };
    }

    private static boolean roleMatches(Role opRole, Role role) {
        Role r = opRole == null ? Role.STARTED : opRole;
        return r == role || (r == Role.STARTED && role == Role.UNPROMOTED)
                || (r == Role.UNPROMOTED && role == Role.STARTED);
    }

    private static boolean hasRecord(Cib model, String node, String historyId, long intervalMs) {
        for (NodeState s : model.nodeStates()) {
            if (!node.equals(s.uname())) {
                continue;
            }
            for (ResourceHistory h : s.history()) {
                if (h.id().equals(historyId)) {
                    for (OperationRecord o : h.operations()) {
                        if (o.operation().equals("monitor") && o.intervalMs() == intervalMs) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static int maxCallId(Cib model) {
        int max = 0;
        for (NodeState s : model.nodeStates()) {
            for (ResourceHistory h : s.history()) {
                for (OperationRecord o : h.operations()) {
                    max = Math.max(max, o.callId());
                }
            }
        }
        return max;
    }

    private void cancelPending() {
        pending.values().forEach(p -> p.timer().cancel());
        pending.clear();
    }
}
