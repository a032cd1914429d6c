package dev.vigil.core.controller;

import dev.vigil.core.port.QuorumSource;
import dev.vigil.core.port.QuorumVote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's quorum, counted as corosync's votequorum counts it: one vote per node, plus the quorum
 * server's vote ({@link QuorumSource}) for the partition holding it; a partition has quorum with more
 * than half of the expected votes (one per known node, plus one for a quorum server).
 *
 * <ul>
 *   <li>Two-node mode (exactly two nodes, no quorum server, unless set otherwise): a lone node keeps
 *       quorum, so it can fence its peer; recovery still waits for that fencing.
 *   <li>Wait-for-all (on with two-node mode): after this daemon starts, no quorum until every known
 *       node has been seen at once; {@code initdead} does not lift it, only an operator's override.
 *   <li>Override ({@code vigil quorum override}): an operator grants this partition quorum by hand,
 *       logged; it ends when revoked or when every known node is a member again.
 *   <li>Deciding: when the partition would have quorum with the quorum server's vote but not without,
 *       and has not got it, it waits up to {@link QuorumSettings#sourceWait()} after a membership change
 *       or a lost vote, because the server may grant the new partition once the old leases ran out.
 *       The controller starts and stops nothing meanwhile. A refusal (the vote went to a disjoint
 *       partition) ends the wait at once.
 * </ul>
 *
 * <p>Every change of the outcome is logged once. Event-loop only.
 */
final class Quorum {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Told on the loop when the status changed in a way that matters (quorum, deciding, votes). */
    interface Listener {
        void changed(QuorumStatus before, QuorumStatus now);
    }

    private final String node;
    private final QuorumSettings settings;
    private final EventLoop loop;
    private final QuorumSource source;
    private final Supplier<String> policy;
    private final Listener listener;
    private List<String> members;
    private Set<String> known = Set.of();
    private boolean seenAll;
    private boolean everQuorate;
    private String overrideBy;
    private Instant overrideAt;
    private Instant waitingSince;
    private boolean hadVote;
    private boolean polling;
    private QuorumStatus status;

    /**
     * @param source the quorum server, or null
     * @param policy the CIB's {@code no-quorum-policy}, for the log
     */
    Quorum(String node, QuorumSettings settings, EventLoop loop, QuorumSource source, Supplier<String> policy,
            Listener listener) {
        this.node = node;
        this.settings = settings;
        this.loop = loop;
        this.source = source;
        this.policy = policy;
        this.listener = listener;
        this.members = List.of(node);
        this.status = compute();
    }

    /** Starts the quorum source, if any. */
    void start() {
        if (source != null) {
            source.start(() -> loop.execute(this::evaluate));
        }
    }

    void close() {
        if (source != null) {
            source.close();
        }
    }

    QuorumStatus status() {
        return status;
    }

    /** The status counted again now (the source's connection and last word change without notice). */
    QuorumStatus refreshed() {
        evaluate();
        return status;
    }

    /** Whether the partition had quorum since this daemon started and has it no more (Pacemaker's no-quorum-panic). */
    boolean isPanicking() {
        return everQuorate && !status.quorate() && !status.deciding();
    }

    /**
     * The membership or the set of known nodes changed: reports a new partition to the quorum source
     * and counts again.
     */
    void update(List<String> newMembers, Set<String> knownNodes) {
        List<String> m = newMembers.isEmpty() ? List.of(node) : List.copyOf(new TreeSet<>(newMembers));
        Set<String> all = new TreeSet<>(knownNodes);
        all.addAll(m);
        known = all;
        if (!m.equals(members)) {
            members = m;
            if (source != null) {
                source.report(new TreeSet<>(m));
                waitingSince = loop.now();
            }
        }
        if (members.containsAll(known)) {
            if (!seenAll && status.waitingForAll()) {
                LOG.info("every node ({}) has been seen at once: wait_for_all is satisfied", String.join(", ", known));
            }
            seenAll = true;
            if (overrideBy != null) {
                LOG.warn("quorum override by {} ends: every node ({}) is a member again", overrideBy,
                        String.join(", ", known));
                overrideBy = null;
                overrideAt = null;
            }
        }
        evaluate();
    }

    /**
     * Grants (or, with {@code on} false, revokes) quorum by hand for this partition. Returns why it
     * was refused, empty when done.
     */
    List<String> override(boolean on, String by, Instant at, boolean fromPeer) {
        if (on) {
            if (members.containsAll(known) && !fromPeer) {
                return List.of("every node (" + String.join(", ", known) + ") is a member of this partition; "
                        + "there is nothing to override");
            }
            if (overrideBy == null || !fromPeer) {
                LOG.warn("QUORUM OVERRIDE by {} at {}{}: partition {} is granted quorum by hand ({}); it runs "
                        + "resources even if another partition does too — make sure the other nodes are down. "
                        + "Revoke with `vigil quorum override --off`", by, at, fromPeer ? " (told by a peer)" : "",
                        String.join(", ", members), status.summary());
            }
            overrideBy = by;
            overrideAt = at;
        } else if (overrideBy != null) {
            LOG.warn("quorum override (by {} at {}) revoked by {}{}", overrideBy, overrideAt, by,
                    fromPeer ? " (told by a peer)" : "");
            overrideBy = null;
            overrideAt = null;
        }
        evaluate();
        return List.of();
    }

    Instant overrideAt() {
        return overrideAt;
    }

    String overrideBy() {
        return overrideBy;
    }

    /** Counts again (the source's vote may have changed, or a wait may have ended). */
    void evaluate() {
        QuorumStatus before = status;
        if (source != null) {
            boolean has = source.vote().granted();
            if (hadVote && !has) {
                waitingSince = loop.now();
            }
            hadVote = has;
        }
        QuorumStatus now = compute();
        status = now;
        if (now.quorate()) {
            everQuorate = true;
        }
        if (now.deciding()) {
            pollWhileDeciding();
        }
        if (before.quorate() != now.quorate() || before.deciding() != now.deciding() || before.votes() != now.votes()
                || before.expectedVotes() != now.expectedVotes() || before.waitingForAll() != now.waitingForAll()
                || !Objects.equals(before.overrideBy(), now.overrideBy())) {
            log(before, now);
            listener.changed(before, now);
        }
    }

    private void pollWhileDeciding() {
        if (polling) {
            return;
        }
        polling = true;
        loop.schedule(() -> {
            polling = false;
            evaluate();
        }, POLL);
    }

    private QuorumStatus compute() {
        QuorumVote vote = source == null ? null : source.vote();
        boolean granted = vote != null && vote.granted();
        Set<String> all = new TreeSet<>(known);
        all.addAll(members);
        boolean twoNode = source == null && switch (settings.twoNode()) {
            case ON -> all.size() <= 2;
            case AUTO -> all.size() == 2;
            case OFF -> false;
        };
        boolean waitForAll = settings.waitForAll() != null ? settings.waitForAll() : twoNode;
        int expected = settings.expectedVotes() > 0 ? settings.expectedVotes() : all.size() + (source == null ? 0 : 1);
        int votes = members.size() + (granted ? 1 : 0);
        expected = Math.max(expected, votes);
        int needed = twoNode ? 1 : expected / 2 + 1;
        boolean waitingForAll = waitForAll && !seenAll && !members.containsAll(all);
        boolean override = overrideBy != null;
        boolean byVotes = votes >= needed && !waitingForAll;
        boolean deciding = !override && !byVotes && !waitingForAll && source != null && !granted && !vote.refused()
                && members.size() + 1 >= needed && waitingSince != null
                && loop.now().isBefore(waitingSince.plus(settings.sourceWait()));
        boolean quorate = override || byVotes;
        List<String> missing = new ArrayList<>(all);
        missing.removeAll(members);
        String who = "partition " + String.join(", ", members);
        String count = votes + " of " + expected + " votes" + (twoNode ? ", two-node mode" : "");
        String summary;
        if (override && !byVotes) {
            summary = who + " has quorum by operator override (" + overrideBy + " at " + overrideAt + "; " + count
                    + ")";
        } else if (quorate) {
            summary = who + " has quorum (" + count + ")";
        } else if (waitingForAll) {
            summary = who + " has no quorum: waiting for every node to be seen at once after the start "
                    + "(wait_for_all; not seen: " + String.join(", ", missing) + ")";
        } else if (deciding) {
            summary = who + " waits up to " + settings.sourceWait().toSeconds() + " s for the vote of the "
                    + source.name() + " (" + count + " without it, " + needed + " needed)";
        } else {
            summary = who + " has no quorum (" + count + ", " + needed + " needed)";
        }
        QuorumStatus.Source s = source == null ? null : new QuorumStatus.Source(source.name(), vote.connected(),
                granted, vote.holder(), vote.reason());
        return new QuorumStatus(quorate, deciding, votes, expected, needed, members, List.copyOf(all), twoNode,
                waitForAll, waitingForAll, overrideBy, overrideAt, s, summary);
    }

    private void log(QuorumStatus before, QuorumStatus now) {
        if (now.quorate()) {
            LOG.info("{}", now.summary());
        } else if (now.deciding()) {
            LOG.info("{}", now.summary());
        } else if (before.quorate() || before.deciding() && everQuorate) {
            LOG.warn("lost quorum: {} of {} votes ({} needed); no-quorum-policy={}", now.votes(), now.expectedVotes(),
                    now.neededVotes(), policy.get());
        } else {
            LOG.info("{}", now.summary());
        }
    }
}
