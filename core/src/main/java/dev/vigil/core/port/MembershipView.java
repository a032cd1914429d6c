package dev.vigil.core.port;

import java.util.List;
import java.util.Objects;

/**
 * Who is in the cluster, as this node sees it. A node is a member while it is reachable on at
 * least one link; losing one of several links changes {@link #links()} but not
 * {@link #members()}. Immutable.
 *
 * @param sequence increases with every change this node observes
 * @param members member node names, sorted
 * @param links per-link state, in configuration order
 */
public record MembershipView(long sequence, List<String> members, List<LinkStatus> links) {

    public MembershipView {
        members = List.copyOf(members);
        links = List.copyOf(links);
        Objects.requireNonNull(members);
    }

    public boolean contains(String node) {
        return members.contains(node);
    }
}
