package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The scheduler is a pure function: the same CIB always gives the same transition, and nothing but the
 * configuration order matters, in particular not the iteration order of hash maps (attribute maps, the
 * order status entries were written in, node ids).
 */
class DeterminismTest {

    /** How a variant of the same cluster is written down. */
    private record Variant(boolean reverseStatus, boolean reverseMaps, String nodeIdPrefix, int junkAttributes) {
    }

    /**
     * A cluster with something of everything: a lost node to fence, ties, stickiness, a failed monitor, a
     * group, an anonymous clone, a promotable clone, colocations and orderings. The configuration is
     * always declared in the same order; the status and the maps are written according to {@code v}.
     */
    private static Cib richCluster(Variant v) {
        ClusterFixture f = ClusterFixture.cluster("node1", "node2", "node3", "node4").lostNode("node5")
                .nodeIdPrefix(v.nodeIdPrefix());
        List<String[]> props = List.of(new String[] {"no-quorum-policy", "stop"},
                new String[] {"start-failure-is-fatal", "true"}, new String[] {"symmetric-cluster", "true"});
        for (String[] p : v.reverseMaps() ? reversed(props) : props) {
            f.property(p[0], p[1]);
        }
        List<String[]> defaults = List.of(new String[] {"resource-stickiness", "50"},
                new String[] {"migration-threshold", "3"}, new String[] {"failure-timeout", "0"});
        for (String[] d : v.reverseMaps() ? reversed(defaults) : defaults) {
            f.rscDefault(d[0], d[1]);
        }
        String[] vmMeta = {"allow-migrate=true", "priority=5", "target-role=Started", "description=vm"};
        f.fencingDevice("fencer")
                .primitive("ip")
                .primitive("web")
                .primitive("vm", v.reverseMaps() ? reversed(vmMeta) : vmMeta)
                .primitive("lonely")
                .primitive("stopped", "target-role=Stopped")
                .group("app", "app-fs", "app-db", "app-svc")
                .clone("ping-clone", "ping")
                .promotable("db-clone", "db", "promoted-max=1", "notify=true")
                .colocation("web", "ip", INFINITY)
                .order("ip", "web")
                .colocation("app", null, "db-clone", Role.PROMOTED, INFINITY)
                .order("db-clone", "promote", "app", "start", "Mandatory", true)
                .order("ping-clone", "vm")
                .location("ip", "node2", 100)
                .location("vm", "node3", 10)
                .ban("vm", "node4")
                .location("lonely", "node1", -INFINITY);

        List<Consumer<ClusterFixture>> status = new ArrayList<>();
        status.add(x -> x.running("fencer", "node1"));
        status.add(x -> x.running("ip", "node1"));
        status.add(x -> x.running("web", "node1"));
        status.add(x -> x.running("vm", "node4"));
        status.add(x -> x.running("lonely", "node5"));
        status.add(x -> x.running("stopped", "node2"));
        status.add(x -> x.running("app-fs", "node3"));
        status.add(x -> x.failedMonitor("app-db", "node3"));
        status.add(x -> x.running("app-svc", "node3"));
        status.add(x -> x.running("ping", "node1"));
        status.add(x -> x.running("ping", "node2"));
        status.add(x -> x.failedMonitor("ping", "node3"));
        status.add(x -> x.probedStopped("ping", "node4"));
        status.add(x -> x.promoted("db", "node3"));
        status.add(x -> x.unpromoted("db", "node1"));
        status.add(x -> x.unpromoted("db", "node2"));
        status.add(x -> x.promotionScore("db", "node1", 5));
        status.add(x -> x.promotionScore("db", "node2", 5));
        status.add(x -> x.promotionScore("db", "node3", 10));
        status.add(x -> x.failCount("app-db", "node3", 1));
        status.add(x -> x.failCount("ping", "node3", 1));
        status.add(x -> x.attribute("node2", "site", "east"));
        status.add(x -> x.attribute("node3", "site", "west"));
        for (Consumer<ClusterFixture> s : v.reverseStatus() ? reversed(status) : status) {
            s.accept(f);
        }
        for (int i = 0; i < v.junkAttributes(); i++) {
            for (String n : List.of("node1", "node2", "node3", "node4")) {
                f.attribute(n, "junk-" + i, Integer.toString(i));
            }
        }
        return f.build();
    }

    private static <T> List<T> reversed(List<T> in) {
        List<T> out = new ArrayList<>(in);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String[] reversed(String[] in) {
        return reversed(List.of(in)).toArray(new String[0]);
    }

    private static final Variant PLAIN = new Variant(false, false, "", 0);

    @Test
    void theRichClusterHasSomethingToDo() {
        Transition t = Scheduler.schedule(richCluster(PLAIN), NOW);
        assertFalse(t.summary().isEmpty(), "the scenario should exercise the scheduler");
        assertEquals("Fence (reboot)", t.summary().get(0).change(), () -> SummaryAssert.lines(t).toString());
    }

    @Test
    void sameCibTwiceGivesEqualTransitions() {
        Cib cib = richCluster(PLAIN);
        Transition first = Scheduler.schedule(cib, NOW);
        for (int i = 0; i < 20; i++) {
            assertEquals(first, Scheduler.schedule(cib, NOW), "run " + i);
        }
    }

    @Test
    void equalCibsBuiltSeparatelyGiveEqualTransitions() {
        Cib a = richCluster(PLAIN);
        Cib b = richCluster(PLAIN);
        assertEquals(a, b);
        assertEquals(Scheduler.schedule(a, NOW), Scheduler.schedule(b, NOW));
    }

    @Test
    void orderOfStatusEntriesAndTransientAttributesDoesNotMatter() {
        Transition plain = Scheduler.schedule(richCluster(PLAIN), NOW);
        Transition reversedStatus = Scheduler.schedule(richCluster(new Variant(true, false, "", 0)), NOW);
        assertEquals(SummaryAssert.lines(plain), SummaryAssert.lines(reversedStatus));
        assertEquals(plain, reversedStatus);
    }

    @Test
    void insertionOrderOfMetaAttributesOptionsAndDefaultsDoesNotMatter() {
        Transition plain = Scheduler.schedule(richCluster(PLAIN), NOW);
        Transition reversedMaps = Scheduler.schedule(richCluster(new Variant(false, true, "", 0)), NOW);
        assertEquals(SummaryAssert.lines(plain), SummaryAssert.lines(reversedMaps));
        assertEquals(plain, reversedMaps);
    }

    @Test
    void hashMapCapacityAndNodeIdsDoNotMatter() {
        Transition plain = Scheduler.schedule(richCluster(PLAIN), NOW);
        for (Variant v : List.of(new Variant(false, false, "", 40), new Variant(false, false, "uuid-", 0),
                new Variant(false, false, "zz", 200), new Variant(true, true, "1000", 13))) {
            Transition other = Scheduler.schedule(richCluster(v), NOW);
            assertEquals(SummaryAssert.lines(plain), SummaryAssert.lines(other), v.toString());
            assertEquals(plain, other, v.toString());
        }
    }

    @Test
    void scheduleDoesNotModifyItsInput() {
        Cib cib = richCluster(PLAIN);
        Cib copy = richCluster(PLAIN);
        Scheduler.schedule(cib, NOW);
        assertEquals(copy, cib);
    }

    @Test
    void tiesAreBrokenTheSameWayEveryTime() {
        // six interchangeable resources on three interchangeable nodes: many ties, one answer
        ClusterFixture f = ClusterFixture.cluster("node1", "node2", "node3").fencingDisabled();
        for (int i = 1; i <= 6; i++) {
            f.primitive("rsc" + i);
        }
        Cib cib = f.build();
        Transition first = Scheduler.schedule(cib, NOW);
        assertEquals(6, first.summary().size(), () -> SummaryAssert.lines(first).toString());
        for (int i = 0; i < 10; i++) {
            assertEquals(first, Scheduler.schedule(cib, NOW));
        }
    }
}
