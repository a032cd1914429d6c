package dev.vigil.quorumd.vote;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A partition of a cluster as one node sees it: the sorted, duplicate-free set of the names of the
 * nodes it is in contact with (itself included). Partitions are identified by their member set: two
 * reports name the same partition exactly when they list the same members. Immutable.
 *
 * @param members member node names, sorted, without duplicates, never empty
 */
public record Partition(List<String> members) implements Comparable<Partition> {

    public Partition {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one member, got " + members);
        }
        for (String m : members) {
            if (m == null || m.isBlank()) {
                throw new IllegalArgumentException("partition member names must not be blank: " + members);
            }
        }
        List<String> sorted = List.copyOf(new TreeSet<>(members));
        if (!sorted.equals(members)) {
            throw new IllegalArgumentException("partition members must be sorted and unique, got " + members
                    + "; use Partition.of");
        }
        members = sorted;
    }

    /** The partition of the given node names (any order; duplicates are folded). */
    public static Partition of(Collection<String> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one member, got " + members);
        }
        return new Partition(List.copyOf(new TreeSet<>(members)));
    }

    /** The partition of the given node names. */
    public static Partition of(String... members) {
        return of(List.of(members));
    }

    public boolean contains(String node) {
        return members.contains(node);
    }

    public int size() {
        return members.size();
    }

    /** Whether any node of {@code nodes} is a member. */
    public boolean containsAny(Collection<String> nodes) {
        for (String n : nodes) {
            if (members.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Orders member lists element by element, a shorter prefix first. */
    @Override
    public int compareTo(Partition other) {
        int n = Math.min(members.size(), other.members.size());
        for (int i = 0; i < n; i++) {
            int c = members.get(i).compareTo(other.members.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(members.size(), other.members.size());
    }

    /** {@code {a, b, c}}. */
    @Override
    public String toString() {
        return "{" + String.join(", ", members) + "}";
    }
}
