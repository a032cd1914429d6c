package dev.vigil.quorumd.vote;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random runs of reports, view changes, disconnections, silences, clock steps and server restarts,
 * checking after every step that no two partitions of a cluster hold a valid lease as the clients
 * count it (a client's lease runs from its report, it drops the vote when its view changes, and it
 * keeps counting when the connection or the server is gone). Seeds are printed on failure.
 */
class VoteArbiterSafetyTest {
    private static final Duration LEASE = Duration.ofMillis(300);
    private static final int NODES = 6;
    private static final int STEPS = 3000;

    /** The client side of one node, as the model sees it. */
    private static final class Node {
        final String name;
        final int id;
        Partition view;
        boolean connected = true;
        Instant validUntil;
        Partition grantedFor;

        Node(String name, int id) {
            this.name = name;
            this.id = id;
            this.view = Partition.of(name);
        }
    }

    @ParameterizedTest
    @EnumSource(VotePolicy.class)
    void neverTwoPartitionsWithValidLeases(VotePolicy policy) {
        long base = System.nanoTime();
        for (int run = 0; run < 60; run++) {
            long seed = base + run;
            try {
                runOnce(policy, seed);
            } catch (AssertionError | RuntimeException e) {
                fail("policy " + policy + ", seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private void runOnce(VotePolicy policy, long seed) {
        Random random = new Random(seed);
        ManualClock clock = new ManualClock();
        ArbiterSettings settings = ArbiterSettings.of(policy, LEASE);
        VoteArbiter arbiter = new VoteArbiter(settings, clock);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new Node("n" + i, random.nextInt(NODES * 2)));
        }
        int grants = 0;
        for (int step = 0; step < STEPS; step++) {
            Node n = nodes.get(random.nextInt(NODES));
            int action = random.nextInt(100);
            if (action < 50) {
                if (n.connected) {
                    Decision d = arbiter.report(new NodeReport("c", n.name, n.id, n.view));
                    if (d.granted()) {
                        grants++;
                        n.validUntil = clock.instant().plus(d.lease());
                        n.grantedFor = n.view;
                    } else {
                        n.validUntil = null;
                    }
                }
            } else if (action < 62) {
                Set<String> members = new TreeSet<>();
                members.add(n.name);
                for (Node other : nodes) {
                    if (random.nextInt(3) > 0) {
                        members.add(other.name);
                    }
                }
                Partition next = Partition.of(members);
                if (!next.equals(n.view)) {
                    n.view = next;
                    n.validUntil = null; // the client gives the vote up before reporting a new partition
                }
            } else if (action < 68) {
                n.connected = false;
                arbiter.disconnect("c", n.name);
            } else if (action < 78) {
                n.connected = true;
            } else if (action < 96) {
                clock.advanceMillis(random.nextInt((int) LEASE.toMillis() / 2));
            } else if (action < 99) {
                arbiter.tick();
            } else {
                arbiter = new VoteArbiter(settings, clock, arbiter.lineage());
                nodes.forEach(x -> x.connected = false);
            }
            Instant now = clock.instant();
            Set<Partition> holding = new HashSet<>();
            for (Node x : nodes) {
                if (x.validUntil != null && now.isBefore(x.validUntil)) {
                    holding.add(x.grantedFor);
                }
            }
            assertTrue(holding.size() <= 1, "step " + step + ": partitions " + holding + " all hold valid leases");
        }
        assertTrue(grants > 0, "the run granted nothing: the model exercises too little");
    }
}
