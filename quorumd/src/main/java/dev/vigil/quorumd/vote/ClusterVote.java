package dev.vigil.quorumd.vote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vote of one cluster. Mutable; used only by {@link VoteArbiter} on its caller's thread.
 *
 * <p>Invariant: every node holding an unexpired grant holds it for the same partition, and if a
 * partition is designated ({@code holder}) it is that one. A different partition is designated only
 * once no node holds a grant for another partition, so two partitions never hold valid leases at once.
 */
final class ClusterVote {
    private final String name;
    private final ArbiterSettings settings;
    private final Map<String, NodeRecord> nodes = new TreeMap<>();
    /** The partition whose reporters receive grants, or {@code null}. */
    private Partition holder;
    /** The partition that was designated last; survives lapses and, persisted, restarts. */
    private Partition lineage;
    /** Why nothing (or another partition) is granted right now; shown to refused reporters. */
    private String refusal = "no partition has reported yet";

    ClusterVote(String name, ArbiterSettings settings, Partition lineage) {
        this.name = name;
        this.settings = settings;
        this.lineage = lineage;
    }

    Partition holder() {
        return holder;
    }

    Partition lineage() {
        return lineage;
    }

    Decision report(NodeReport r, Instant now, Instant grantsFrom, List<VoteEvent> events) {
        NodeRecord rec = nodes.computeIfAbsent(r.node(), NodeRecord::new);
        if (rec.partition != null && !rec.partition.equals(r.partition())) {
            // Protocol contract: a client gives up its vote before it reports a new partition.
            rec.clearGrant();
        }
        rec.nodeId = r.nodeId();
        rec.partition = r.partition();
        rec.lastReportAt = now;
        rec.connected = true;
        evaluate(now, grantsFrom, events);
        if (r.partition().equals(holder)) {
            rec.grant(holder, now.plus(settings.lease()));
            return Decision.granted(settings.lease(), holder, "partition " + holder + " holds the vote");
        }
        return Decision.denied(holder, refusal);
    }

    void disconnect(String node, Instant now, Instant grantsFrom, List<VoteEvent> events) {
        NodeRecord rec = nodes.get(node);
        if (rec != null) {
            // A grant the node holds stays valid until it expires: its client may not know yet.
            rec.connected = false;
            evaluate(now, grantsFrom, events);
        }
    }

    void evaluate(Instant now, Instant grantsFrom, List<VoteEvent> events) {
        expireGrants(now, events);
        Partition outstanding = outstandingPartition();
        List<Candidate> candidates = candidates(now);
        if (now.isBefore(grantsFrom)) {
            refusal = "the quorum server started recently and grants no vote until "
                    + Duration.between(now, grantsFrom).toMillis() + " ms from now, so that every lease"
                    + " granted before it (re)started has expired";
            designate(null, "server start", null, events);
            return;
        }
        if (candidates.isEmpty()) {
            refusal = "no connected node reports a partition";
            return;
        }
        Ranking.Choice choice = Ranking.choose(settings.policy(), candidates, lineage, holder);
        Partition desired = choice.candidate().partition();
        if (outstanding != null && !outstanding.equals(desired)) {
            Instant until = latestGrantEnd();
            refusal = "partition " + desired + " is to get the vote (" + choice.reason()
                    + ") once the lease of partition " + outstanding + " has expired (in "
                    + Duration.between(now, until).toMillis() + " ms)";
            designate(null, "partition " + desired + " is preferred (" + choice.reason() + "); it gets the vote"
                    + " once the leases already granted to " + outstanding + " have expired", null, events);
            return;
        }
        refusal = "partition " + desired + " holds the vote (" + choice.reason() + ")";
        designate(desired, "partition " + desired + " is preferred (" + choice.reason() + ")", choice.reason(),
                events);
    }

    private void designate(Partition next, String revokeReason, String grantReason, List<VoteEvent> events) {
        if (next == null ? holder == null : next.equals(holder)) {
            return;
        }
        if (holder != null) {
            events.add(new VoteEvent.Revoked(name, holder, revokeReason));
        }
        holder = next;
        if (next != null) {
            lineage = next;
            events.add(new VoteEvent.Granted(name, next, grantReason));
        }
    }

    private void expireGrants(Instant now, List<VoteEvent> events) {
        Partition before = outstandingPartition();
        for (Iterator<NodeRecord> it = nodes.values().iterator(); it.hasNext(); ) {
            NodeRecord rec = it.next();
            if (rec.holdsGrant() && !rec.grantUntil.isAfter(now)) {
                rec.clearGrant();
            }
            if (!rec.connected && !rec.holdsGrant()) {
                it.remove();
            }
        }
        if (before != null && outstandingPartition() == null) {
            events.add(new VoteEvent.LeaseExpired(name, before));
        }
    }

    /** The partition holding unexpired grants, or {@code null}. */
    private Partition outstandingPartition() {
        Partition found = null;
        for (NodeRecord rec : nodes.values()) {
            if (rec.holdsGrant()) {
                if (found != null && !found.equals(rec.grantedPartition)) {
                    throw new IllegalStateException("cluster '" + name + "' has unexpired grants for two partitions: "
                            + found + " and " + rec.grantedPartition);
                }
                found = rec.grantedPartition;
            }
        }
        return found;
    }

    private Instant latestGrantEnd() {
        Instant latest = Instant.MIN;
        for (NodeRecord rec : nodes.values()) {
            if (rec.holdsGrant() && rec.grantUntil.isAfter(latest)) {
                latest = rec.grantUntil;
            }
        }
        return latest;
    }

    private List<Candidate> candidates(Instant now) {
        Map<Partition, List<NodeRecord>> byPartition = new TreeMap<>();
        Map<String, Partition> liveViews = new TreeMap<>();
        for (NodeRecord rec : nodes.values()) {
            if (rec.isLive(now, settings.nodeTimeout())) {
                byPartition.computeIfAbsent(rec.partition, p -> new ArrayList<>()).add(rec);
                liveViews.put(rec.name, rec.partition);
            }
        }
        List<Candidate> result = new ArrayList<>();
        byPartition.forEach((p, recs) -> {
            boolean consistent = p.members().stream()
                    .allMatch(m -> !liveViews.containsKey(m) || liveViews.get(m).equals(p));
            int lowestId = recs.stream().mapToInt(r -> r.nodeId).min().orElseThrow();
            result.add(new Candidate(p, recs.stream().map(r -> r.name).toList(), lowestId, consistent));
        });
        return result;
    }
}
