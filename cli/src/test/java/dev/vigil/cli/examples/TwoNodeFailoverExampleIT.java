package dev.vigil.cli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.cli.dist.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/two-node-failover/run.sh}: the pair in network namespaces survives a node kill;
 * the script's own check (fenced, served by the survivor, outage within its bound) passes. Needs
 * root, as in CI; skipped otherwise.
 */
class TwoNodeFailoverExampleIT {

    @Test
    void serviceSurvivesANodeKillWithinTheBound() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "needs fence_dummy (fence-agents)");
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/IPaddr2")),
                "needs IPaddr2 (resource-agents)");
        Examples.assumeCommand("python3");
        Examples.assumeCommand("ip");
        Processes.Result r = Processes.run(Examples.root(), Map.of(), Duration.ofMinutes(4),
                List.of("examples/two-node-failover/run.sh"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.lastLine().startsWith("two-node-failover: ok:") && r.lastLine().contains("outage_s="),
                r.toString());
        System.out.println(r.lastLine());
    }
}
