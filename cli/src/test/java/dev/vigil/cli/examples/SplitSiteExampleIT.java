package dev.vigil.cli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.cli.dist.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/split-site/run.sh}: two sites and {@code vigil-quorumd} in network namespaces; after
 * the inter-site link is cut, only the site holding the quorum server's vote runs the resource, and
 * the script's own check passes. Needs root, as in CI; skipped otherwise.
 */
class SplitSiteExampleIT {

    @Test
    void onlyTheSiteWithTheQuorumServersVoteRunsTheResourceAfterTheLinkIsCut() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        Examples.assumeCommand("python3");
        Examples.assumeCommand("ip");
        Processes.Result r = Processes.run(Examples.root(), Map.of(), Duration.ofMinutes(3),
                List.of("examples/split-site/run.sh"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.lastLine().startsWith("split-site: ok:"), r.toString());
        assertTrue(r.output().contains("vote granted to partition {node1}"), r.toString());
        System.out.println(r.lastLine());
    }
}
