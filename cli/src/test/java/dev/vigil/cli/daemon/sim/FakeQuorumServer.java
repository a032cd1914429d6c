package dev.vigil.cli.daemon.sim;

import dev.vigil.core.port.QuorumSource;
import dev.vigil.core.port.QuorumVote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A quorum server for simulated clusters, deciding as {@code vigil-quorumd --policy largest} does but
 * without leases: the holder keeps the vote while a reachable node reports it; otherwise the
 * partition reported by the most reachable nodes gets it, a tie going to the one with
 * {@link #prefer}'s node (default: the lowest node name). {@link #hold} keeps it from deciding.
 * Notifies every node's source of each change at once. Test thread only.
 */
final class FakeQuorumServer {
    private final Map<String, Set<String>> reports = new TreeMap<>();
    private final Map<String, Runnable> listeners = new TreeMap<>();
    private final Set<String> unreachable = new TreeSet<>();
    private boolean up = true;
    private boolean held;
    private Set<String> holder;
    private String preferred;

    /** The source node {@code node}'s controller uses. */
    QuorumSource source(String node) {
        return new Source(node);
    }

    /** Ties go to the partition holding {@code node}. */
    FakeQuorumServer prefer(String node) {
        this.preferred = node;
        return this;
    }

    /** Stops deciding ({@code true}) until released; the current holder keeps the vote. */
    void hold(boolean hold) {
        held = hold;
        changed();
    }

    void stop() {
        up = false;
        holder = null;
        notifyAllNodes();
    }

    void start() {
        up = true;
        changed();
    }

    /** Cuts (or restores) {@code node}'s connection to the server. */
    void reachable(String node, boolean reachable) {
        if (reachable) {
            unreachable.remove(node);
        } else {
            unreachable.add(node);
        }
        changed();
    }

    Set<String> holder() {
        return holder;
    }

    private void changed() {
        decide();
        notifyAllNodes();
    }

    private void decide() {
        if (!up) {
            holder = null;
            return;
        }
        Map<Set<String>, Integer> counts = new TreeMap<>(Comparator.comparing(Set::toString));
        reports.forEach((node, partition) -> {
            if (!unreachable.contains(node)) {
                counts.merge(partition, 1, Integer::sum);
            }
        });
        if (holder != null && counts.containsKey(holder) || held) {
            return;
        }
        List<Set<String>> best = new ArrayList<>();
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        counts.forEach((p, n) -> {
            if (n == max) {
                best.add(p);
            }
        });
        holder = best.stream().filter(p -> preferred != null && p.contains(preferred)).findFirst()
                .orElse(best.stream().min(Comparator.comparing(p -> p.iterator().next())).orElse(null));
    }

    private void notifyAllNodes() {
        new ArrayList<>(listeners.values()).forEach(Runnable::run);
    }

    private final class Source implements QuorumSource {
        private final String node;

        Source(String node) {
            this.node = node;
        }

        @Override
        public String name() {
            return "quorum server sim:5403";
        }

        @Override
        public void start(Runnable changed) {
            listeners.put(node, changed);
        }

        @Override
        public void report(Set<String> partition) {
            reports.put(node, Set.copyOf(new TreeSet<>(partition)));
            changed();
        }

        @Override
        public QuorumVote vote() {
            boolean connected = up && !unreachable.contains(node);
            Set<String> mine = reports.get(node);
            boolean granted = connected && holder != null && holder.equals(mine);
            boolean refused = connected && !granted && holder != null && mine != null
                    && Collections.disjoint(holder, mine);
            List<String> h = holder == null || !connected ? List.of() : List.copyOf(new TreeSet<>(holder));
            String reason = !connected ? "no connection to the quorum server: connection refused"
                    : granted ? "largest partition" : holder == null ? "no partition holds the vote"
                    : "the vote is held by partition " + h;
            return new QuorumVote(granted, refused, connected, h, reason);
        }

        @Override
        public void close() {
            listeners.remove(node);
            reports.remove(node);
            changed();
        }
    }
}
