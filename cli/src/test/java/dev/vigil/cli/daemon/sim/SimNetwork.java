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
 */
final class SimNetwork {
    private final ManualScheduler scheduler;
    private final Map<String, SimMembership> nodes = new TreeMap<>();
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

    private Set<String> upNodes() {
        Set<String> up = new TreeSet<>();
        nodes.forEach((n, m) -> {
            if (m.listener != null) {
                up.add(n);
            }
        });
        return up;
    }

    private void announce() {
        announce(Set.of());
    }

    private void announce(Set<String> ended) {
        List<String> members = new ArrayList<>(upNodes());
        MembershipView v = new MembershipView(++sequence, members, List.of(new LinkStatus("sim0", true, members)),
                ended);
        for (SimMembership m : nodes.values()) {
            if (m.listener != null) {
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
            List<String> members = new ArrayList<>(upNodes());
            return new MembershipView(sequence, members, List.of(new LinkStatus("sim0", true, members)));
        }

        @Override
        public void broadcast(byte[] payload) {
            for (String other : upNodes()) {
                if (!other.equals(node)) {
                    send(other, payload);
                }
            }
        }

        @Override
        public void send(String to, byte[] payload) {
            SimMembership target = nodes.get(to);
            if (listener == null || target == null || target.listener == null) {
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
