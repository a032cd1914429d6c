package dev.vigil.core.port;

import java.util.List;
import java.util.Set;

/**
 * Who is in the cluster, as this node sees it. A node is a member while it is reachable on at
 * least one link; losing one of several links changes {@link #links()} but not
 * {@link #members()}. Immutable.
 *
 * @param sequence increases with every change this node observes
 * @param members member node names, sorted
 * @param links per-link state, in configuration order
 * @param ended nodes that left this view because their daemon was seen to end (its connections
 *        closed without a goodbye) rather than because they went silent; such a node cannot be
 *        fencing anyone
 */
public record MembershipView(long sequence, List<String> members, List<LinkStatus> links, Set<String> ended) {

    public MembershipView {
        members = List.copyOf(members);
        links = List.copyOf(links);
        ended = Set.copyOf(ended);
    }

    public MembershipView(long sequence, List<String> members, List<LinkStatus> links) {
        this(sequence, members, links, Set.of());
    }

    public boolean contains(String node) {
        return members.contains(node);
    }
}
