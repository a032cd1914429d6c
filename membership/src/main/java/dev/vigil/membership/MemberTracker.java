package dev.vigil.membership;

import dev.vigil.core.port.LinkStatus;
import dev.vigil.core.port.MembershipView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the per-link views into one {@link MembershipView}: the members are the union of the
 * nodes reachable on any link, so a node is lost only when it is missing on every link. Logs one
 * INFO line per node joined or lost and per node reachable again or no longer on one link.
 *
 * <p>A link is <em>up</em> when its channel is connected and it reaches another node, or when
 * this node is alone in the cluster (nothing to reach); a link that is connected but cut off
 * from members reachable elsewhere is down.
 *
 * <p>Thread-safe; {@link #update} is atomic so views come out with strictly increasing sequence
 * numbers.
 */
final class MemberTracker {

    private static final Logger LOG = LoggerFactory.getLogger(MemberTracker.class);

    private final String localNode;
    private final List<String> linkNames;
    private final List<SortedSet<String>> reachable = new ArrayList<>();
    private final boolean[] connected;
    private volatile MembershipView current;

    /** A member lost longer than this after its connection dropped went silent first (5 s). */
    private static final long DROP_WINDOW_NANOS = 5_000_000_000L;
    private final java.util.Map<String, Long> dropped = new java.util.HashMap<>();

    MemberTracker(String localNode, List<String> linkNames) {
        this.localNode = localNode;
        this.linkNames = List.copyOf(linkNames);
        this.connected = new boolean[linkNames.size()];
        for (int i = 0; i < linkNames.size(); i++) {
            reachable.add(new TreeSet<>());
        }
        this.current = build(0);
    }

    MembershipView current() {
        return current;
    }

    /**
     * Records link {@code link}'s new state; returns the new view if anything a listener can see
     * changed.
     */
    synchronized Optional<MembershipView> update(int link, boolean isConnected, SortedSet<String> nodes) {
        SortedSet<String> before = members();
        SortedSet<String> linkBefore = reachable.get(link);
        SortedSet<String> linkAfter = isConnected ? new TreeSet<>(nodes) : new TreeSet<>();
        reachable.set(link, linkAfter);
        connected[link] = isConnected;
        SortedSet<String> after = members();
        logChanges(link, before, after, linkBefore, linkAfter);
        MembershipView next = build(current.sequence() + 1);
        if (next.members().equals(current.members()) && next.links().equals(current.links())) {
            return Optional.empty();
        }
        current = next;
        return Optional.of(next);
    }

    private void logChanges(int link, SortedSet<String> before, SortedSet<String> after,
                            SortedSet<String> linkBefore, SortedSet<String> linkAfter) {
        String linkName = linkNames.get(link);
        for (String node : after) {
            if (!before.contains(node) && !node.equals(localNode)) {
                LOG.info("node '{}' joined the cluster (seen on link '{}')", node, linkName);
            } else if (before.contains(node) && !linkBefore.contains(node) && linkAfter.contains(node)
                    && !node.equals(localNode)) {
                LOG.info("link '{}' up to node '{}'", linkName, node);
            }
        }
        for (String node : linkBefore) {
            if (node.equals(localNode) || linkAfter.contains(node)) {
                continue;
            }
            if (after.contains(node)) {
                LOG.info("link '{}' down to node '{}'; still a member via {}", linkName, node, linksReaching(node));
            } else {
                LOG.info("node '{}' lost: no longer reachable on any link (last seen on link '{}')", node, linkName);
            }
        }
    }

    private List<String> linksReaching(String node) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < linkNames.size(); i++) {
            if (reachable.get(i).contains(node)) {
                names.add(linkNames.get(i));
            }
        }
        return names;
    }

    private SortedSet<String> members() {
        SortedSet<String> members = new TreeSet<>();
        members.add(localNode);
        reachable.forEach(members::addAll);
        return members;
    }

    /**
     * {@code node}'s liveness connection closed without a goodbye at {@code nanos}: if it leaves the
     * view soon after, it left because its process ended, not because it went silent.
     */
    synchronized void connectionDropped(String node, long nanos) {
        dropped.put(node, nanos);
    }

    /** Nodes not in {@code members} whose connection dropped within {@link #DROP_WINDOW_NANOS}. */
    private Set<String> ended(SortedSet<String> members) {
        long now = System.nanoTime();
        dropped.values().removeIf(t -> now - t > DROP_WINDOW_NANOS);
        Set<String> out = new TreeSet<>(dropped.keySet());
        out.removeAll(members);
        return out;
    }

    private MembershipView build(long sequence) {
        SortedSet<String> members = members();
        List<LinkStatus> links = new ArrayList<>();
        for (int i = 0; i < linkNames.size(); i++) {
            SortedSet<String> nodes = reachable.get(i);
            boolean up = connected[i] && (nodes.size() > 1 || members.size() == 1);
            links.add(new LinkStatus(linkNames.get(i), up, List.copyOf(nodes)));
        }
        return new MembershipView(sequence, List.copyOf(members), links, ended(members));
    }

    /** Marks every link disconnected (after close); returns the resulting view. */
    synchronized MembershipView disconnectAll() {
        for (int i = 0; i < linkNames.size(); i++) {
            reachable.set(i, new TreeSet<>());
            connected[i] = false;
        }
        current = build(current.sequence() + 1);
        return current;
    }
}
