package dev.vigil.core.controller;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * This node's partition's quorum, as {@code vigil quorum status} shows it. Immutable.
 *
 * @param quorate        the partition has quorum (by votes, or by an operator's override)
 * @param deciding       the partition waits for the quorum server's vote; it neither starts nor stops
 *                       anything meanwhile (never together with {@code quorate})
 * @param votes          votes of this partition: one per member, plus the quorum server's when held
 * @param expectedVotes  votes of the whole cluster
 * @param neededVotes    votes that make quorum (1 in two-node mode)
 * @param members        this partition, sorted
 * @param nodes          every node the cluster knows of (ha.cf {@code node} lines, the CIB, members), sorted
 * @param twoNode        two-node mode is in effect
 * @param waitForAll     wait-for-all is in effect
 * @param waitingForAll  quorum is withheld until every node has been seen at once
 * @param overrideBy     who granted quorum by hand ({@code vigil quorum override}), or null
 * @param overrideAt     when, or null
 * @param source         the quorum server, or null when none is configured
 * @param summary        one line for people, as logged
 */
public record QuorumStatus(boolean quorate, boolean deciding, int votes, int expectedVotes, int neededVotes,
        List<String> members, List<String> nodes, boolean twoNode, boolean waitForAll, boolean waitingForAll,
        String overrideBy, Instant overrideAt, Source source, String summary) {

    public QuorumStatus {
        members = List.copyOf(members);
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(summary, "summary");
        if (quorate && deciding) {
            throw new IllegalArgumentException("a partition with quorum is not deciding");
        }
    }

    /**
     * The quorum server as this node sees it.
     *
     * @param name      e.g. {@code quorum server q.example.org:5403}
     * @param connected it can be reached
     * @param vote      this partition holds its vote
     * @param holder    the partition holding the vote, as the server last said; empty when none or unknown
     * @param reason    the latest reason given, e.g. why the connection fails
     */
    public record Source(String name, boolean connected, boolean vote, List<String> holder, String reason) {
        public Source {
            holder = List.copyOf(holder);
        }
    }
}
