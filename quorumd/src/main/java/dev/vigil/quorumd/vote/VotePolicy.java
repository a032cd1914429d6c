package dev.vigil.quorumd.vote;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the arbiter chooses between the partitions of one cluster. Whatever the policy, the vote goes
 * to at most one partition at a time and moves only after every lease of the previous holder has
 * expired.
 */
public enum VotePolicy {
    /**
     * The partition with the most connected, reporting nodes wins. A tie goes to the partition of the
     * same lineage as the previous holder (the previous holder itself first, then any partition
     * sharing a connected member with it), else to the partition containing the lowest node id.
     * A holder is displaced only by a better partition on whose membership all its nodes agree.
     */
    LARGEST("largest"),
    /**
     * The holder keeps the vote, whatever its size, as long as any of its nodes is connected and
     * reports it; when the holder shrinks or splits, the part keeping a member of the previous holder
     * comes first (then size, then lowest node id).
     */
    LAST_MAN_STANDING("last-man-standing");

    private final String label;

    VotePolicy(String label) {
        this.label = label;
    }

    /** The name used on the command line and in logs: {@code largest}, {@code last-man-standing}. */
    public String label() {
        return label;
    }

    /** Parses a label (case-insensitive). */
    public static VotePolicy parse(String text) {
        for (VotePolicy p : values()) {
            if (p.label.equalsIgnoreCase(text.trim()) || p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown vote policy '" + text + "'; expected one of "
                + Arrays.stream(values()).map(VotePolicy::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
