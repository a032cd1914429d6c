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

/**
 * {@code examples/custom-fence-driver/run.sh} builds the example driver with Maven against this
 * build's stonith jar (nothing needs to be installed in the local repository), and Vigil loads it
 * from a plugin directory.
 */
class CustomFenceDriverExampleIT {
    @TempDir
    Path tmp;

    @Test
    void driverIsBuiltLoadedFromThePluginDirectoryAndDescribed() throws Exception {
        Examples.assumeCommand("mvn");
        Processes.Result r = Processes.run(Examples.root(), Map.of("TMPDIR", tmp.toString()), Duration.ofMinutes(4),
                List.of("examples/custom-fence-driver/run.sh"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.lastLine().startsWith("custom-fence-driver: ok"), r.toString());
        assertTrue(r.output().contains("rest-pdu (plugin " + tmp), r.toString());
        System.out.println(r.lastLine());
    }
}
