package dev.vigil.quorumd.vote;

import java.util.List;

/**
 * One partition as the live nodes of a cluster report it. Immutable.
 *
 * @param partition  the reported member set
 * @param reporters  live nodes reporting exactly this set, sorted
 * @param lowestId   the lowest node id among the reporters
 * @param consistent whether every live node listed in the set reports this same set
 */
record Candidate(Partition partition, List<String> reporters, int lowestId, boolean consistent) {

    Candidate {
        reporters = List.copyOf(reporters);
    }

    int size() {
        return reporters.size();
    }
}
