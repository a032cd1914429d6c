package dev.vigil.cli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.dist.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/custom-agent/test.sh} runs as its README says and passes every check. */
class CustomAgentExampleIT {
    @TempDir
    Path tmp;

    @Test
    void testScriptPassesEveryCheck() throws Exception {
        Examples.assumeCommand("python3");
        Processes.Result r = Processes.run(Examples.root(), Map.of("TMPDIR", tmp.toString()), Duration.ofMinutes(3),
                List.of("examples/custom-agent/test.sh"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.lastLine().matches("custom-agent: all \\d+ checks passed"), r.toString());
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("FAIL")), r.toString());
        System.out.println(r.lastLine());
    }
}
