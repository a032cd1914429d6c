package dev.vigil.quorumd.vote;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the partition that should hold a cluster's vote under a {@link VotePolicy}. Pure: the
 * result depends only on the arguments, and every tie is broken explicitly (last by the member
 * names, so iteration order never decides).
 */
final class Ranking {

    /** The chosen candidate and why. */
    record Choice(Candidate candidate, String reason) {
    }

    private Ranking() {
    }

    /**
     * @param candidates the live partitions (at least one)
     * @param lineage    the partition that held the vote last, if any
     * @param holder     the partition currently designated, if any
     */
    static Choice choose(VotePolicy policy, List<Candidate> candidates, Partition lineage, Partition holder) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        Comparator<Candidate> bySize = Comparator.comparingInt(Candidate::size).reversed();
        Comparator<Candidate> byLineage = Comparator.comparingInt((Candidate c) -> lineageRank(c, lineage)).reversed();
        Comparator<Candidate> rest = Comparator.comparingInt(Candidate::lowestId)
                .thenComparing(Candidate::partition);
        Comparator<Candidate> order = policy == VotePolicy.LARGEST
                ? bySize.thenComparing(byLineage).thenComparing(rest)
                : byLineage.thenComparing(bySize).thenComparing(rest);
        List<Candidate> sorted = candidates.stream().sorted(order).toList();
        Candidate best = sorted.get(0);
        Optional<Candidate> current = holder == null ? Optional.empty()
                : candidates.stream().filter(c -> c.partition().equals(holder)).findFirst();
        if (current.isPresent() && !current.get().equals(best) && !best.consistent()) {
            return new Choice(current.get(), "it holds the vote and " + best.partition()
                    + " is not agreed on by all its connected members");
        }
        String reason = sorted.size() == 1 ? "the only partition reporting"
                : explain(policy, best, sorted.get(1), lineage);
        return new Choice(best, reason);
    }

    /** 2: the previous holder itself; 1: shares a connected member with it; 0: unrelated. */
    static int lineageRank(Candidate c, Partition lineage) {
        if (lineage == null) {
            return 0;
        }
        if (c.partition().equals(lineage)) {
            return 2;
        }
        return lineage.containsAny(c.reporters()) ? 1 : 0;
    }

    private static String explain(VotePolicy policy, Candidate best, Candidate next, Partition lineage) {
        int bestRank = lineageRank(best, lineage);
        int nextRank = lineageRank(next, lineage);
        String lineageWord = bestRank == 2 ? "it held the vote before"
                : "it shares a member with " + lineage + ", which held the vote before";
        if (policy == VotePolicy.LAST_MAN_STANDING && bestRank > nextRank) {
            return "last man standing: " + (bestRank == 2 ? "it holds the vote and a member is still connected"
                    : "it keeps a connected member of " + lineage + ", which held the vote before");
        }
        if (best.size() > next.size()) {
            return "largest partition: " + nodes(best.size()) + " against " + next.size();
        }
        String tie = "tie at " + nodes(best.size()) + "; ";
        if (bestRank > nextRank) {
            return tie + lineageWord;
        }
        if (best.lowestId() < next.lowestId()) {
            return tie + "it has the lowest node id (" + best.lowestId() + ")";
        }
        return tie + "decided by member names";
    }

    private static String nodes(int n) {
        return n + (n == 1 ? " connected node" : " connected nodes");
    }
}
