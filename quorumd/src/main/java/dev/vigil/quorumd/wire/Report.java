package dev.vigil.quorumd.wire;

import java.util.HashSet;
import java.util.List;

/**
 * A client's current partition; also its heartbeat. A client that reports a partition different
 * from its previous one must already have given up any vote it held.
 *
 * @param seq     increases with every report of the connection
 * @param members names of the nodes in the client's partition, itself included
 */
public record Report(long seq, List<String> members) implements Message {

    public Report {
        if (seq < 0) {
            throw new IllegalArgumentException("report seq must be 0 or more, got " + seq);
        }
        if (members == null || members.isEmpty() || members.size() > Protocol.MAX_MEMBERS) {
            throw new IllegalArgumentException("a report lists 1 to " + Protocol.MAX_MEMBERS + " members, got "
                    + (members == null ? "none" : members.size()));
        }
        members = List.copyOf(members);
        members.forEach(m -> Protocol.checkName("member name", m));
        if (new HashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException("report lists a member twice: " + members);
        }
    }
}
