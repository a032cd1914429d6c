/**
 * The quorum server's vote logic, without sockets or threads: {@link dev.vigil.quorumd.vote.VoteArbiter}
 * groups the reports of each cluster's nodes into {@link dev.vigil.quorumd.vote.Partition}s, chooses
 * one under a {@link dev.vigil.quorumd.vote.VotePolicy} and hands out leases so that at most one
 * partition of a cluster holds a valid one at any time, also across server restarts.
 *
 * <p>Depends on the JDK only. Time comes from an injected {@link java.time.Clock}; the server uses
 * {@link dev.vigil.quorumd.vote.MonotonicClock}, tests a manual clock.
 */
package dev.vigil.quorumd.vote;
