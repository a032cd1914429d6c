package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;

import org.junit.jupiter.api.Test;

/** Target roles, management, live migration and cluster-wide switches. */
class ResourceLifecycleTest {

    @Test
    void targetRoleStoppedStopsTheResourceDueToNodeAvailability() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "target-role=Stopped")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to node availability");
    }

    @Test
    void targetRoleStoppedKeepsAStoppedResourceStopped() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "target-role=Stopped")
                .schedule();
        assertSummary(t);
    }

    @Test
    void targetRoleStartedStartsTheResource() {
        Transition t = cluster("node1").fencingDisabled()
                .primitive("rsc1", "target-role=Started")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void stopAllResourcesStopsEverything() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .property("stop-all-resources", "true")
                .primitive("rsc1")
                .primitive("rsc2")
                .running("rsc1", "node1")
                .running("rsc2", "node2")
                .schedule();
        assertSummary(t,
                "Stop rsc1 (node1) due to node availability",
                "Stop rsc2 (node2) due to node availability");
    }

    @Test
    void unmanagedResourceIsLeftAlone() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "is-managed=false")
                .ban("rsc1", "node1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void maintenanceModeLeavesEverythingAlone() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .property("maintenance-mode", "true")
                .primitive("rsc1", "target-role=Stopped")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void allowMigrateLiveMigratesAMovingResource() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("vm", "allow-migrate=true")
                .ban("vm", "node1")
                .running("vm", "node1")
                .schedule();
        assertSummary(t, "Migrate vm (node1 -> node2)");
    }

    @Test
    void allowMigrateMigratesAwayFromAStandbyNode() {
        Transition t = cluster("node1").standbyNode("node2").fencingDisabled()
                .primitive("vm", "allow-migrate=true")
                .running("vm", "node2")
                .schedule();
        assertSummary(t, "Migrate vm (node2 -> node1)");
    }

    @Test
    void withoutAllowMigrateAMovingResourceIsStoppedAndStarted() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("vm")
                .ban("vm", "node1")
                .running("vm", "node1")
                .schedule();
        assertSummary(t, "Move vm (node1 -> node2)");
    }

    @Test
    void failedResourceIsRecoveredRatherThanMigrated() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("vm", "allow-migrate=true", "migration-threshold=1")
                .failedMonitor("vm", "node1")
                .failCount("vm", "node1", 1)
                .schedule();
        assertSummary(t, "Recover vm (node1 -> node2)");
    }

    @Test
    void resourceOnALostNodeIsNotMigratedButMoved() {
        Transition t = cluster("node1").lostNode("node2")
                .primitive("vm", "allow-migrate=true")
                .running("vm", "node2")
                .schedule();
        assertSummary(t,
                "Fence (reboot) node2 'peer is no longer part of the cluster'",
                "Move vm (node2 -> node1)");
    }

    @Test
    void allowMigrateFromRscDefaultsApplies() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .rscDefault("allow-migrate", "true")
                .primitive("vm")
                .ban("vm", "node1")
                .running("vm", "node1")
                .schedule();
        assertSummary(t, "Migrate vm (node1 -> node2)");
    }
}
