package dev.vigil.core.controller;

import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.port.AgentExecutor;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.CibDocument;
import dev.vigil.core.port.Fencer;
import dev.vigil.core.port.Membership;
import dev.vigil.core.port.MembershipListener;
import dev.vigil.core.port.MembershipView;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node controller. Every node runs the operations the DC sends it and reports their results
 * (recurring monitors report changes to whoever is DC at the time); the DC, the member with the
 * lowest name, synchronises the CIB after each membership change (the newest version wins),
 * records results, replicates the CIB and runs transitions ({@link TransitionRunner}).
 *
 * <p>A client's change is acknowledged only once every member has confirmed that the replica
 * holding it is on its disk (or has left, or {@code syncTimeout} passed, which is logged), so an
 * acknowledged change survives the loss of any one node, the DC included.
 *
 * <p>Threading: all state is confined to the {@link EventLoop}; public methods may be called
 * from any thread and post to the loop. Membership and executor callbacks post to the loop.
 */
public final class Controller {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final ControllerSettings settings;
    private final EventLoop loop;
    private final Membership membership;
    private final AgentExecutor executor;
    private final CibDocument cib;
    private final TransitionRunner transitions;
    private final FenceCoordinator fencing;
    private final Quorum quorum;
    private final Set<String> endedPeers = new TreeSet<>();
    private final Map<Long, CompletableFuture<List<String>>> changeRequests = new HashMap<>();
    private final Map<String, String> bootIds = new HashMap<>();
    private MembershipView view;
    private String dc;
    private boolean synced;
    private long round;
    private String syncingFrom;
    private EventLoop.Cancellable syncTimer;
    private long nextRequestId = 1;
    private boolean started;
    private long replicaSeq;
    private boolean initialWaitOver;
    private boolean announcedWait;
    private final List<PendingAck> pendingAcks = new ArrayList<>();

    /** A client change applied on the DC, waiting for the members' confirmation of replica {@code seq}. */
    private static final class PendingAck {
        final long seq;
        final Set<String> waiting;
        final Runnable done;
        EventLoop.Cancellable timer;

        PendingAck(long seq, Set<String> waiting, Runnable done) {
            this.seq = seq;
            this.waiting = waiting;
            this.done = done;
        }
    }

    public Controller(ControllerSettings settings, EventLoop loop, Membership membership, AgentExecutor executor,
            CibDocument cib) {
        this(settings, loop, membership, executor, cib, null);
    }

    /**
     * A controller that fences through {@code fencer} when it is DC (null: this node cannot fence,
     * so with fencing enabled no resource starts).
     */
    public Controller(ControllerSettings settings, EventLoop loop, Membership membership, AgentExecutor executor,
            CibDocument cib, Fencer fencer) {
        this(settings, loop, membership, executor, cib, fencer, null);
    }

    /**
     * A controller that also counts the vote of {@code quorumSource} (a quorum server; null: none), as
     * {@link ControllerSettings#quorum()} says. The controller starts and closes the source.
     */
    public Controller(ControllerSettings settings, EventLoop loop, Membership membership, AgentExecutor executor,
            CibDocument cib, Fencer fencer, dev.vigil.core.port.QuorumSource quorumSource) {
        this.settings = settings;
        this.loop = loop;
        this.membership = membership;
        this.executor = executor;
        this.cib = cib;
        this.fencing = new FenceCoordinator(settings, loop, fencer, new FenceHost());
        this.transitions = new TransitionRunner(settings, loop, cib, this::sendExec, this::replicate,
                fencer == null ? null : fencing::run);
        this.quorum = new Quorum(settings.nodeName(), settings.quorum(), loop, quorumSource,
                () -> cib.model().clusterProperties().getOrDefault("no-quorum-policy", "stop"), this::quorumChanged);
        if (quorumSource != null) {
            // The quorum server lets only one side of a split keep quorum, and only that side fences:
            // holding back its shot would only slow the failover.
            transitions.noSplitDelay();
        }
    }

    /** What the fence coordinator sees of this controller (on the loop). */
    private final class FenceHost implements FenceCoordinator.Host {
        @Override
        public String dc() {
            return dc;
        }

        @Override
        public boolean isDc() {
            return Controller.this.isDc();
        }

        @Override
        public List<String> members() {
            return view == null ? List.of(settings.nodeName()) : view.members();
        }

        @Override
        public Set<String> knownNodes() {
            Set<String> known = new TreeSet<>(members());
            cib.model().nodes().forEach(n -> known.add(n.uname()));
            cib.model().nodeStates().forEach(n -> known.add(n.uname()));
            return known;
        }

        @Override
        public boolean hasFenceDevice() {
            return cib.model().resources().stream().flatMap(r -> r.primitives().stream())
                    .anyMatch(p -> p.isFencingDevice());
        }

        @Override
        public void send(String node, Message m) {
            membership.send(node, MessageCodec.encode(m));
        }

        @Override
        public void broadcast(Message m) {
            membership.broadcast(MessageCodec.encode(m));
        }

        @Override
        public void nodeFenced(String node) {
            transitions.nodeFenced(node);
        }
    }

    /**
     * Asks the DC to fence {@code node} now, as {@code vigil stonith fence} does. Completes when the
     * fencing ended, with why it was refused or failed (empty: fenced, and recorded so its resources
     * are recovered).
     */
    public CompletableFuture<List<String>> fence(String node, dev.vigil.core.port.FenceAction action) {
        return fencing.ask(node, action, false);
    }

    /**
     * An operator's word that {@code node} is down ({@code vigil stonith confirm}): completes a manual
     * fencing waiting for it, or else records the node as fenced so its resources are recovered.
     * Refused while the node is a member. Completes with the reasons it was refused (empty: done).
     */
    public CompletableFuture<List<String>> confirmFenced(String node) {
        return fencing.ask(node, dev.vigil.core.port.FenceAction.OFF, true);
    }

    /** The cluster's fencing history as this node knows it, oldest first. */
    public CompletableFuture<List<FenceEvent>> fenceHistory() {
        CompletableFuture<List<FenceEvent>> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(fencing.history()));
        return f;
    }

    /**
     * What to do when this node learns that the cluster fenced it while it still runs (a fence
     * device that did not really cut it off, or a split that healed): the daemon should stop at once.
     */
    public void onSelfFenced(Consumer<FenceEvent> handler) {
        fencing.onSelfFenced(handler);
    }

    /** This node's name. Any thread. */
    public String nodeName() {
        return settings.nodeName();
    }

    /** Joins the cluster. */
    public void start() throws IOException {
        membership.start(new MembershipListener() {
            @Override
            public void viewChanged(MembershipView v) {
                loop.execute(() -> onView(v));
            }

            @Override
            public void messageReceived(String from, byte[] payload) {
                Message m;
                try {
                    m = MessageCodec.decode(payload);
                } catch (IllegalArgumentException e) {
                    LOG.warn("dropped a malformed message from {}: {}", from, e.getMessage());
                    return;
                }
                loop.execute(() -> onMessage(from, m));
            }
        });
        loop.execute(() -> {
            started = true;
            quorum.start();
            initialWaitOver = settings.initialWait().isZero();
            LOG.info("node {} started (CIB {}), waiting for the cluster", settings.nodeName(), cib.version());
            onView(membership.view());
        });
        if (!settings.initialWait().isZero()) {
            loop.schedule(this::endInitialWait, settings.initialWait());
        }
        scheduleRecheck();
    }

    /**
     * A clean shutdown's first half, as Pacemaker's: sets this node's transient {@code shutdown}
     * attribute so the DC moves its resources elsewhere (or stops them), and completes once no
     * resource is active here any more, or when the cluster property {@code shutdown-escalation}
     * (default 20 minutes) has passed, logged. Then call {@link #stop}.
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            long escalation = Durations.parseMillis(cib.model().clusterProperties().get("shutdown-escalation"),
                    Duration.ofMinutes(20).toMillis());
            Instant deadline = loop.now().plusMillis(escalation);
            List<String> here = activeHere();
            LOG.info("shutting down: {}", here.isEmpty() ? "no resources are active on this node"
                    : "asking the DC to move or stop " + String.join(", ", here) + " (at most "
                    + Duration.ofMillis(escalation).toSeconds() + " s, shutdown-escalation)");
            requestShutdownAttribute(done);
            pollShutdown(done, deadline);
        });
        return done;
    }

    private void requestShutdownAttribute(CompletableFuture<Void> done) {
        if (done.isDone()) {
            return;
        }
        change(new CibChange.NodeAttributesChanged(settings.nodeName(),
                Map.of("shutdown", Long.toString(loop.now().getEpochSecond())))).thenAccept(problems -> {
                    if (!problems.isEmpty()) {
                        LOG.info("shutdown request not recorded yet ({}); retrying", String.join("; ", problems));
                        loop.schedule(() -> requestShutdownAttribute(done), Duration.ofSeconds(1));
                    }
                });
    }

    private void pollShutdown(CompletableFuture<Void> done, Instant deadline) {
        List<String> here = activeHere();
        boolean transitionRunning = isDc() && !transitions.describe().isEmpty();
        if (here.isEmpty() && !transitionRunning && (isDc() || shutdownRecorded())) {
            LOG.info("no resources active on {}; leaving the cluster", settings.nodeName());
            done.complete(null);
        } else if (!loop.now().isBefore(deadline)) {
            LOG.warn("shutdown-escalation passed with {} still active on {}; leaving the cluster anyway",
                    here.isEmpty() ? "a transition" : String.join(", ", here), settings.nodeName());
            done.complete(null);
        } else {
            loop.schedule(() -> pollShutdown(done, deadline), Duration.ofMillis(250));
        }
    }

    private boolean shutdownRecorded() {
        return cib.model().nodeStates().stream().anyMatch(ns -> ns.uname().equals(settings.nodeName())
                && ns.transientAttributes().containsKey("shutdown"));
    }

    /** The top-level resources active (in whole or in part) on this node, by the CIB's status. */
    private List<String> activeHere() {
        List<String> out = new ArrayList<>();
        for (ClusterView.ResourceEntry e : Scheduler.schedule(cib.model(), loop.now()).before().resources()) {
            if (activeOn(e, settings.nodeName())) {
                out.add(e.id());
            }
        }
        return out;
    }

    private static boolean activeOn(ClusterView.ResourceEntry e, String node) {
        return e.placements().stream().anyMatch(p -> node.equals(p.node()))
                || e.children().stream().anyMatch(c -> activeOn(c, node));
    }

    /** Leaves the cluster and stops every local recurring operation. */
    public void stop() {
        membership.close();
        executor.close();
        quorum.close();
    }

    /** A status snapshot, taken on the loop. */
    public CompletableFuture<ControllerStatus> status() {
        CompletableFuture<ControllerStatus> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(new ControllerStatus(settings.nodeName(), dc,
                view == null ? List.of(settings.nodeName()) : view.members(),
                view == null ? List.of() : view.links(), cib.version(), cib.toXml(), transitions.describe(),
                warnings(), fencing.history(), quorum.refreshed())));
        return f;
    }

    /**
     * Applies a change through the DC (forwarded when this node is not DC). Completes with the
     * problems that made the DC refuse it (empty when applied and replicated).
     */
    public CompletableFuture<List<String>> change(CibChange change) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (dc == null) {
                f.complete(List.of("the cluster has no DC yet; try again in a few seconds"));
            } else if (isDc()) {
                applyAsDc(change, f::complete);
            } else {
                long id = nextRequestId++;
                changeRequests.put(id, f);
                membership.send(dc, MessageCodec.encode(new Message.ChangeRequest(id, change)));
                loop.schedule(() -> {
                    CompletableFuture<List<String>> pending = changeRequests.remove(id);
                    if (pending != null) {
                        pending.complete(List.of("the DC (" + dc + ") did not answer in time"));
                    }
                }, settings.resultSlack());
            }
        });
        return f;
    }

    boolean isDc() {
        return settings.nodeName().equals(dc);
    }

    private void onView(MembershipView v) {
        if (!started) {
            return;
        }
        MembershipView previous = view;
        view = v;
        boolean membersChanged = previous == null || !previous.members().equals(v.members());
        if (membersChanged) {
            synced = false; // the DC syncs again below; quorum changes wait for that
        }
        if (!initialWaitOver && missingNodes().isEmpty()) {
            initialWaitOver = true; // every expected node has been here: startup is over, whoever is DC
        }
        String newDc = v.members().isEmpty() ? settings.nodeName() : v.members().get(0);
        if (previous == null || !previous.members().equals(v.members())) {
            LOG.info("membership: {} (DC {})", String.join(", ", v.members()), newDc);
        }
        quorum.update(v.members(), configuredNodes());
        if (quorum.overrideBy() != null && membersChanged) {
            // a node that joins this partition learns of the override
            membership.broadcast(MessageCodec.encode(new Message.QuorumOverride(true, quorum.overrideBy(),
                    quorum.overrideAt().toEpochMilli())));
        }
        if (!newDc.equals(dc)) {
            String old = dc;
            dc = newDc;
            if (isDc()) {
                LOG.info("this node ({}) is now the DC{}", dc, old == null ? "" : " (was " + old + ")");
            } else {
                transitions.abandon("the DC is now " + dc);
                membership.send(dc, MessageCodec.encode(new Message.Announce(settings.bootId())));
                fencing.sendHistoryTo(dc);
            }
            failPendingChanges("the DC changed from " + old + " to " + newDc + "; try again");
            fencing.dcChanged("the DC changed from " + old + " to " + newDc + "; try again");
            releaseAcks(null); // applied on this node's disk; no longer this node's to replicate
        }
        releaseAcks(v.members());
        endedPeers.removeAll(v.members());
        endedPeers.addAll(v.ended());
        transitions.crashed(endedPeers);
        if (previous != null && previous.members().equals(v.members()) && synced) {
            return; // only a link changed
        }
        if (isDc()) {
            startSync();
        }
    }

    private void onMessage(String from, Message m) {
        if (m instanceof Message.VersionQuery q) {
            membership.send(from, MessageCodec.encode(new Message.VersionReply(q.round(), cib.version(),
                    settings.bootId())));
        } else if (m instanceof Message.VersionReply r) {
            onVersionReply(from, r);
        } else if (m instanceof Message.FullRequest r) {
            membership.send(from, MessageCodec.encode(new Message.FullReply(r.round(), cib.toXml())));
        } else if (m instanceof Message.FullReply r) {
            onFullReply(from, r);
        } else if (m instanceof Message.Replica r) {
            onReplica(from, r);
        } else if (m instanceof Message.ReplicaAck a) {
            onReplicaAck(from, a.seq());
        } else if (m instanceof Message.Announce a) {
            if (isDc() && view != null && view.members().contains(from)) {
                LOG.debug("{} follows this DC now; synchronising the CIB", from);
                startSync();
            }
        } else if (m instanceof Message.Exec e) {
            runLocally(from, e.id(), e.request());
        } else if (m instanceof Message.Cancel c) {
            executor.cancelRecurring(c.resourceId(), c.operationKey());
        } else if (m instanceof Message.ExecResult r) {
            if (isDc()) {
                transitions.onResult(from, r.id(), r.result());
            }
        } else if (m instanceof Message.ChangeRequest c) {
            Consumer<List<String>> reply = problems -> membership.send(from,
                    MessageCodec.encode(new Message.ChangeReply(c.id(), problems)));
            if (isDc()) {
                applyAsDc(c.change(), reply);
            } else {
                reply.accept(List.of("this node (" + settings.nodeName() + ") is not the DC"));
            }
        } else if (m instanceof Message.FenceHistory h) {
            fencing.onHistory(from, h);
        } else if (m instanceof Message.FenceAsk a) {
            fencing.onAsk(from, a);
        } else if (m instanceof Message.FenceAnswer a) {
            fencing.onAnswer(a);
        } else if (m instanceof Message.QuorumOverride q) {
            quorum.override(q.on(), q.by(), Instant.ofEpochMilli(q.atMillis()), true);
        } else if (m instanceof Message.ChangeReply r) {
            CompletableFuture<List<String>> f = changeRequests.remove(r.id());
            if (f != null) {
                f.complete(r.problems());
            }
        }
    }

    // ---- DC: synchronising the CIB after a membership change ----

    private final Map<String, Message.VersionReply> versions = new HashMap<>();

    private void startSync() {
        round++;
        synced = false;
        transitions.pause();
        versions.clear();
        versions.put(settings.nodeName(), new Message.VersionReply(round, cib.version(), settings.bootId()));
        if (syncTimer != null) {
            syncTimer.cancel();
        }
        if (view.members().size() > 1) {
            membership.broadcast(MessageCodec.encode(new Message.VersionQuery(round)));
            long r = round;
            syncTimer = loop.schedule(() -> {
                if (r == round && !synced) {
                    LOG.warn("not every member reported its CIB version within {}; going on with {}",
                            settings.syncTimeout(), versions.keySet());
                    chooseCib();
                }
            }, settings.syncTimeout());
        } else {
            chooseCib();
        }
    }

    private void onVersionReply(String from, Message.VersionReply r) {
        if (!isDc() || r.round() != round || synced || syncingFrom != null) {
            return;
        }
        versions.put(from, r);
        if (versions.keySet().containsAll(view.members())) {
            chooseCib();
        }
    }

    private void chooseCib() {
        if (syncTimer != null) {
            syncTimer.cancel();
        }
        String best = settings.nodeName();
        CibVersion bestVersion = cib.version();
        for (Map.Entry<String, Message.VersionReply> e : versions.entrySet()) {
            bootIds.put(e.getKey(), e.getValue().bootId());
            if (e.getValue().version().compareTo(bestVersion) > 0) {
                best = e.getKey();
                bestVersion = e.getValue().version();
            }
        }
        if (best.equals(settings.nodeName())) {
            completeSync();
            return;
        }
        LOG.info("{} has the newest CIB ({} > {}); fetching it", best, bestVersion, cib.version());
        syncingFrom = best;
        membership.send(best, MessageCodec.encode(new Message.FullRequest(round)));
        long r = round;
        syncTimer = loop.schedule(() -> {
            if (r == round && !synced) {
                LOG.warn("{} did not send its CIB; keeping this node's copy ({})", syncingFrom, cib.version());
                completeSync();
            }
        }, settings.syncTimeout());
    }

    private void onFullReply(String from, Message.FullReply r) {
        if (!isDc() || r.round() != round || !from.equals(syncingFrom)) {
            return;
        }
        try {
            cib.adopt(r.xml());
            LOG.info("adopted the CIB of {} ({})", from, cib.version());
        } catch (IllegalArgumentException e) {
            LOG.error("the CIB from {} is unusable, keeping this node's copy: {}", from, e.getMessage());
        }
        completeSync();
    }

    private void completeSync() {
        if (syncTimer != null) {
            syncTimer.cancel();
        }
        syncingFrom = null;
        quorum.update(view.members(), configuredNodes()); // the adopted CIB may name more nodes
        synced = true;
        QuorumStatus q = quorum.status();
        apply(new CibChange.DcChanged(settings.nodeName(), q.deciding() ? cib.model().haveQuorum() : q.quorate(),
                quorum.isPanicking()));
        for (String m : view.members()) {
            apply(new CibChange.NodeJoined(m, bootIds.getOrDefault(m, "unknown")));
        }
        for (NodeState s : cib.model().nodeStates()) {
            if (isInCluster(s.inCluster()) && !view.members().contains(s.uname())) {
                if (s.transientAttributes().containsKey("shutdown")) {
                    LOG.info("node {} left the cluster after a clean shutdown", s.uname());
                } else {
                    LOG.warn("node {} is lost", s.uname());
                }
                apply(new CibChange.NodeLeft(s.uname()));
                if (!transitions.fencingEnabled()) {
                    // Without fencing Pacemaker assumes a lost node's resources stopped; so do we.
                    apply(new CibChange.NodeHistoryCleared(s.uname()));
                }
            }
        }
        replicate();
        fencing.shareHistory();
        if (stillWaitingForNodes() || q.deciding()) {
            return; // quorumChanged resumes once the quorum server decided
        }
        transitions.resume(view.members());
    }

    // ---- quorum ----

    /** This partition's quorum, taken on the loop. */
    public CompletableFuture<QuorumStatus> quorumStatus() {
        CompletableFuture<QuorumStatus> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(quorum.refreshed()));
        return f;
    }

    /**
     * An operator grants this partition quorum by hand ({@code on}) or revokes that: told to every
     * member, logged as a warning with {@code by}. Completes with why it was refused (empty: done).
     */
    public CompletableFuture<List<String>> overrideQuorum(boolean on, String by) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        loop.execute(() -> {
            Instant at = loop.now();
            List<String> problems = quorum.override(on, by, at, false);
            if (problems.isEmpty()) {
                membership.broadcast(MessageCodec.encode(new Message.QuorumOverride(on, by, at.toEpochMilli())));
            }
            f.complete(problems);
        });
        return f;
    }

    /** Every node the cluster knows of: ha.cf {@code node} lines and the CIB's cluster nodes. */
    private Set<String> configuredNodes() {
        Set<String> nodes = new TreeSet<>(settings.expectedNodes());
        cib.model().nodes().stream()
                .filter(n -> n.type() == null || n.type().equals("member") || n.type().equals("normal"))
                .forEach(n -> nodes.add(n.uname()));
        return nodes;
    }

    /** The DC records the partition's quorum and schedules again; while the quorum server decides, it waits. */
    private void quorumChanged(QuorumStatus before, QuorumStatus now) {
        if (!isDc() || !synced) {
            return;
        }
        if (now.deciding()) {
            transitions.pause(); // start and stop nothing until the quorum server decides
            return;
        }
        if (cib.model().haveQuorum() != now.quorate() || cib.model().noQuorumPanic() != quorum.isPanicking()) {
            apply(new CibChange.DcChanged(settings.nodeName(), now.quorate(), quorum.isPanicking()));
            replicate();
        }
        if (stillWaitingForNodes()) {
            return;
        }
        if (before.deciding()) {
            transitions.resume(view.members());
        } else {
            transitions.requestRun("quorum change");
        }
    }

    // ---- startup: the DC waits up to initdead for the expected nodes ----

    private List<String> missingNodes() {
        Set<String> expected = new TreeSet<>(settings.expectedNodes());
        cib.model().nodes().stream()
                .filter(n -> n.type() == null || n.type().equals("member") || n.type().equals("normal"))
                .forEach(n -> expected.add(n.uname()));
        if (view != null) {
            expected.removeAll(view.members());
        }
        expected.remove(settings.nodeName());
        return List.copyOf(expected);
    }

    private boolean stillWaitingForNodes() {
        if (initialWaitOver) {
            return false;
        }
        List<String> missing = missingNodes();
        if (missing.isEmpty()) {
            initialWaitOver = true;
            return false;
        }
        if (!announcedWait) {
            announcedWait = true;
            LOG.info("waiting up to {} s (initdead) for {} to join before managing resources",
                    settings.initialWait().toSeconds(), String.join(", ", missing));
        }
        return true;
    }

    private void endInitialWait() {
        if (initialWaitOver) {
            return;
        }
        initialWaitOver = true;
        if (isDc() && synced && !quorum.status().deciding()) {
            LOG.warn("initdead ({} s) passed without {}; managing resources without them",
                    settings.initialWait().toSeconds(), String.join(", ", missingNodes()));
            transitions.resume(view.members());
        }
    }

    private List<String> warnings() {
        List<String> w = new ArrayList<>(transitions.warnings());
        if (!initialWaitOver && isDc()) {
            w.add(0, "starting up: waiting up to " + settings.initialWait().toSeconds() + " s (initdead) for "
                    + String.join(", ", missingNodes()) + " before managing resources");
        }
        return w;
    }

    private static boolean isInCluster(String inCcm) {
        return inCcm != null && !inCcm.equals("false") && !inCcm.equals("0");
    }

    private void applyAsDc(CibChange change, Consumer<List<String>> reply) {
        List<String> problems = cib.apply(change);
        if (!problems.isEmpty()) {
            reply.accept(problems);
            return;
        }
        long seq = replicate();
        transitions.requestRun("CIB change");
        Set<String> waiting = new TreeSet<>(view == null ? List.of() : view.members());
        waiting.remove(settings.nodeName());
        if (seq == 0 || waiting.isEmpty()) {
            reply.accept(List.of());
            return;
        }
        PendingAck p = new PendingAck(seq, waiting, () -> reply.accept(List.of()));
        p.timer = loop.schedule(() -> {
            if (pendingAcks.remove(p)) {
                LOG.warn("{} did not confirm CIB replica {} within {}; acknowledging the change anyway",
                        String.join(", ", p.waiting), p.seq, settings.syncTimeout());
                p.done.run();
            }
        }, settings.syncTimeout());
        pendingAcks.add(p);
    }

    private void onReplicaAck(String from, long seq) {
        for (Iterator<PendingAck> it = pendingAcks.iterator(); it.hasNext(); ) {
            PendingAck p = it.next();
            if (p.seq <= seq && p.waiting.remove(from) && p.waiting.isEmpty()) {
                it.remove();
                p.timer.cancel();
                p.done.run();
            }
        }
    }

    /** Stops waiting for nodes outside {@code members} (for everyone when null). */
    private void releaseAcks(List<String> members) {
        for (Iterator<PendingAck> it = pendingAcks.iterator(); it.hasNext(); ) {
            PendingAck p = it.next();
            if (members == null) {
                p.waiting.clear();
            } else {
                p.waiting.retainAll(members);
            }
            if (p.waiting.isEmpty()) {
                it.remove();
                p.timer.cancel();
                p.done.run();
            }
        }
    }

    private void apply(CibChange change) {
        List<String> problems = cib.apply(change);
        if (!problems.isEmpty()) {
            LOG.error("could not record {}: {}", change.getClass().getSimpleName(), String.join("; ", problems));
        }
    }

    /** Sends the CIB to every member; returns the replica's number, 0 when there is no one to send it to. */
    private long replicate() {
        if (view != null && view.members().size() > 1) {
            long seq = ++replicaSeq;
            membership.broadcast(MessageCodec.encode(new Message.Replica(seq, cib.toXml())));
            return seq;
        }
        return 0;
    }

    private void onReplica(String from, Message.Replica r) {
        if (!from.equals(dc) || isDc()) {
            LOG.debug("ignored a CIB from {}, which is not the DC ({})", from, dc);
            return;
        }
        try {
            cib.adopt(r.xml());
            membership.send(from, MessageCodec.encode(new Message.ReplicaAck(r.seq())));
        } catch (IllegalArgumentException e) {
            LOG.error("the CIB replicated by the DC {} is unusable: {}", from, e.getMessage());
        }
    }

    // ---- every node: running operations for the DC ----

    private void sendExec(String node, long id, OperationRequest request) {
        if (node.equals(settings.nodeName())) {
            runLocally(node, id, request);
        } else {
            membership.send(node, MessageCodec.encode(new Message.Exec(id, request)));
        }
    }

    private void runLocally(String from, long id, OperationRequest request) {
        if (request.isRecurring()) {
            executor.startRecurring(request, r -> loop.execute(() -> report(0, r)));
        } else {
            executor.execute(request).thenAccept(r -> loop.execute(() -> report(id, r)));
        }
    }

    private void report(long id, OperationResult r) {
        if (dc == null) {
            return;
        }
        if (isDc()) {
            transitions.onResult(settings.nodeName(), id, r);
        } else {
            membership.send(dc, MessageCodec.encode(new Message.ExecResult(id, r)));
        }
    }

    private void failPendingChanges(String why) {
        for (CompletableFuture<List<String>> f : new ArrayList<>(changeRequests.values())) {
            f.complete(List.of(why));
        }
        changeRequests.clear();
    }

    private void scheduleRecheck() {
        loop.schedule(() -> {
            if (isDc() && synced) {
                transitions.requestRun("recheck");
            }
            scheduleRecheck();
        }, settings.recheckInterval());
    }
}
