package dev.vigil.quorumd.vote;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides which partition of each cluster holds the quorum server's vote. No sockets, no threads,
 * no logging: time comes from the injected clock, and what operators should read is returned as
 * {@link VoteEvent}s ({@link #takeEvents()}).
 *
 * <p>Rules, per cluster (clusters are told apart by name and never affect each other):
 * <ul>
 *   <li>A node belongs to the partition it reports; a partition is identified by its member set and
 *       its size is the number of connected nodes reporting exactly that set.</li>
 *   <li>The {@link VotePolicy} names the partition that should hold the vote.</li>
 *   <li>Each report from a member of the designated partition renews that node's lease for
 *       {@link ArbiterSettings#lease()}. A node that reports a different partition than before has
 *       already given its vote up (protocol contract), so its lease ends at once.</li>
 *   <li>The vote moves to another partition only when no node holds an unexpired lease of the
 *       previous one. A disconnected or silent node's lease still counts until it expires.</li>
 *   <li>For {@link ArbiterSettings#startupHold()} after construction nothing is granted, so that
 *       leases granted by a previous incarnation of the server have expired first. Together these
 *       rules mean the arbiter, even across restarts, never lets two partitions of one cluster hold
 *       valid leases at the same time.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; the server uses it from its single event-loop thread only.
 */
public final class VoteArbiter {
    private final ArbiterSettings settings;
    private final Clock clock;
    private final Instant grantsFrom;
    private final Map<String, Partition> initialLineage;
    private final Map<String, ClusterVote> clusters = new TreeMap<>();
    private final List<VoteEvent> events = new ArrayList<>();

    /**
     * @param lineage per cluster, the partition that held the vote last (from a previous run), used
     *                only to break ties
     */
    public VoteArbiter(ArbiterSettings settings, Clock clock, Map<String, Partition> lineage) {
        if (settings == null || clock == null || lineage == null) {
            throw new IllegalArgumentException("settings, clock and lineage must not be null");
        }
        this.settings = settings;
        this.clock = clock;
        this.grantsFrom = clock.instant().plus(settings.startupHold());
        this.initialLineage = Map.copyOf(lineage);
    }

    public VoteArbiter(ArbiterSettings settings, Clock clock) {
        this(settings, clock, Map.of());
    }

    /** Records a report and answers it: granted when the reporter's partition holds the vote. */
    public Decision report(NodeReport report) {
        return cluster(report.cluster()).report(report, clock.instant(), grantsFrom, events);
    }

    /** The node's connection is gone. Its lease, if any, stays valid until it expires. */
    public void disconnect(String cluster, String node) {
        ClusterVote vote = clusters.get(cluster);
        if (vote != null) {
            vote.disconnect(node, clock.instant(), grantsFrom, events);
        }
    }

    /** Re-evaluates every cluster at the clock's time: expires leases, moves votes, ends the startup hold. */
    public void tick() {
        Instant now = clock.instant();
        clusters.values().forEach(c -> c.evaluate(now, grantsFrom, events));
    }

    /** The events since the last call, oldest first. */
    public List<VoteEvent> takeEvents() {
        List<VoteEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** The partition of {@code cluster} whose members currently receive grants, if any. */
    public Optional<Partition> holder(String cluster) {
        ClusterVote vote = clusters.get(cluster);
        return Optional.ofNullable(vote == null ? null : vote.holder());
    }

    /** Per cluster, the partition that held the vote last (what {@code --state-dir} persists). */
    public Map<String, Partition> lineage() {
        Map<String, Partition> result = new TreeMap<>(initialLineage);
        clusters.forEach((name, vote) -> {
            if (vote.lineage() != null) {
                result.put(name, vote.lineage());
            }
        });
        return result;
    }

    /** When the startup hold ends. */
    public Instant grantsFrom() {
        return grantsFrom;
    }

    public ArbiterSettings settings() {
        return settings;
    }

    private ClusterVote cluster(String name) {
        return clusters.computeIfAbsent(name, n -> new ClusterVote(n, settings, initialLineage.get(n)));
    }
}
