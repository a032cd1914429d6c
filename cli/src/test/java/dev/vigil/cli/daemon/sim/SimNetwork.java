package dev.vigil.cli.daemon.sim;

import dev.vigil.core.port.LinkStatus;
import dev.vigil.core.port.Membership;
import dev.vigil.core.port.MembershipListener;
import dev.vigil.core.port.MembershipView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory network: nodes that are up see each other; a node that goes down disappears
 * from every other node's view at once; messages are delivered through the shared scheduler.
 * {@link #split} cuts it into groups that neither see nor reach each other until {@link #heal}.
 */
final class SimNetwork {
    private final ManualScheduler scheduler;
    private final Map<String, SimMembership> nodes = new TreeMap<>();
    private final Map<String, Integer> groupOf = new TreeMap<>();
    private long sequence;

    SimNetwork(ManualScheduler scheduler) {
        this.scheduler = scheduler;
    }

    SimMembership join(String node) {
        SimMembership m = new SimMembership(node);
        nodes.put(node, m);
        return m;
    }

    /** The node's host dies or goes silent: the others only notice it is gone. */
    void crash(String node) {
        crash(node, false);
    }

    /** @param processEnded whether the others see its daemon's connections close (its process ended) */
    void crash(String node, boolean processEnded) {
        SimMembership m = nodes.remove(node);
        if (m != null) {
            m.listener = null;
            announce(processEnded ? Set.of(node) : Set.of());
        }
    }

    /** Cuts the network: a node sees and reaches only the nodes of its own group (unlisted nodes: a group of their own). */
    @SafeVarargs
    final void split(Set<String>... groups) {
        groupOf.clear();
        for (int i = 0; i < groups.length; i++) {
            for (String n : groups[i]) {
                groupOf.put(n, i);
            }
        }
        announce();
    }

    /** Joins every group again. */
    void heal() {
        groupOf.clear();
        announce();
    }

    private boolean reachable(String a, String b) {
        Integer group = groupOf.get(a);
        return groupOf.isEmpty() || a.equals(b) || group != null && group.equals(groupOf.get(b));
    }

    private Set<String> upNodes() {
        Set<String> up = new TreeSet<>();
        nodes.forEach((n, m) -> {
            if (m.listener != null) {
                up.add(n);
            }
        });
        return up;
    }

    /** The nodes that are up and reachable from {@code node}. */
    private Set<String> upNodes(String node) {
        Set<String> up = new TreeSet<>(upNodes());
        up.removeIf(n -> !reachable(node, n));
        return up;
    }

    private void announce() {
        announce(Set.of());
    }

    private void announce(Set<String> ended) {
        ++sequence;
        for (SimMembership m : nodes.values()) {
            if (m.listener != null) {
                List<String> members = new ArrayList<>(upNodes(m.node));
                MembershipView v = new MembershipView(sequence, members,
                        List.of(new LinkStatus("sim0", true, members)), ended);
                MembershipListener l = m.listener;
                scheduler.add(() -> l.viewChanged(v), java.time.Duration.ZERO);
            }
        }
    }

    final class SimMembership implements Membership {
        private final String node;
        private volatile MembershipListener listener;

        SimMembership(String node) {
            this.node = node;
        }

        @Override
        public String localNode() {
            return node;
        }

        @Override
        public void start(MembershipListener l) {
            this.listener = l;
            announce();
        }

        @Override
        public MembershipView view() {
            List<String> members = new ArrayList<>(upNodes(node));
            return new MembershipView(sequence, members, List.of(new LinkStatus("sim0", true, members)));
        }

        @Override
        public void broadcast(byte[] payload) {
            for (String other : upNodes(node)) {
                if (!other.equals(node)) {
                    send(other, payload);
                }
            }
        }

        @Override
        public void send(String to, byte[] payload) {
            SimMembership target = nodes.get(to);
            if (listener == null || target == null || target.listener == null || !reachable(node, to)) {
                return;
            }
            MembershipListener l = target.listener;
            byte[] copy = payload.clone();
            scheduler.add(() -> l.messageReceived(node, copy), java.time.Duration.ofMillis(1));
        }

        @Override
        public void close() {
            crash(node);
        }
    }
}
