package dev.vigil.core.port;

import java.util.Set;

/**
 * One extra quorum vote from outside the cluster: a quorum server at a third site that gives its vote
 * to at most one partition of the cluster at a time. The vote counts for the partition this node is in
 * while {@link #vote()} says it is granted.
 *
 * <p>Contract: {@link #report} is called with this node's partition on every membership change; a
 * partition different from the last one drops the vote at once (the old grant was for the old
 * membership) until the source grants the new one. A grant is a lease: it lapses by itself when it is
 * not renewed, so a source that cannot be reached takes its vote away within its lease.
 *
 * <p>Thread-safe. {@code changed} callbacks come from the source's own threads: hand them to the
 * controller's loop and return.
 */
public interface QuorumSource extends AutoCloseable {

    /** Who gives the vote, for logs and status, e.g. {@code quorum server quorum.example.org:5403}. */
    String name();

    /** Starts asking for the vote; {@code changed} runs whenever {@link #vote()} may have changed. Idempotent. */
    void start(Runnable changed);

    /** This node's partition: the members it is in contact with, itself included. */
    void report(Set<String> partition);

    /** The vote as it stands now. */
    QuorumVote vote();

    /** Gives the vote up and stops. Idempotent. */
    @Override
    void close();
}
