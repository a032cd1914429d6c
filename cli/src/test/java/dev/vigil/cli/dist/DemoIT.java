package dev.vigil.cli.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/vigil demo}, run from the unpacked distribution as a user would: it finishes by itself
 * within a minute, its last line is {@code failover_s=…}, and it leaves no daemon and no files
 * behind, also when it is interrupted.
 */
class DemoIT {
    @TempDir
    Path tmp;

    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        home = Distribution.unpacked();
    }

    @AfterEach
    void killLeftovers() {
        leftovers().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void showsAFailoverAndEndsWithItsTime() throws Exception {
        long t0 = System.nanoTime();
        Processes.Result r = Processes.run(home, env(), Duration.ofSeconds(60),
                List.of(home.resolve("bin/vigil").toString(), "demo"));
        double wall = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.lastLine().matches("failover_s=\\d+\\.\\d{3}"), r.toString());
        double failover = Double.parseDouble(r.lastLine().substring("failover_s=".length()));
        assertTrue(failover > 0 && failover < 10, r.toString());
        assertTrue(r.output().contains("'dummy' started on node1") || r.output().contains("'dummy' started on node2"),
                r.toString());
        assertTrue(r.output().contains("stonith-enabled=false"), "the demo says fencing is off");
        assertTrue(r.output().contains("Full List of Resources:"), "the demo shows the cluster status");
        assertNothingLeft();
        System.out.printf("demo: failover_s=%.3f, %.1f s in all%n", failover, wall);
    }

    @Test
    void cleansUpWhenInterrupted() throws Exception {
        Path log = tmp.resolve("demo.out");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/vigil").toString(), "demo").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env());
        Process demo = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(log).contains("cluster formed") || !demo.isAlive());
            assertTrue(demo.isAlive(), Files.readString(log));
            assertEquals(2, leftovers().size(), "two node daemons run");
            demo.destroy(); // SIGTERM, as Ctrl-C or kill would
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo exits after SIGTERM");
        } finally {
            demo.destroyForcibly();
        }
        assertNothingLeft();
    }

    /** The demo's temporary directory goes under {@code tmp}, so its leftovers can be found there. */
    private Map<String, String> env() {
        return Map.of("VIGIL_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + tmp);
    }

    private void assertNothingLeft() throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> leftovers().isEmpty());
        try (Stream<Path> s = Files.list(tmp)) {
            List<Path> dirs = s.filter(p -> p.getFileName().toString().startsWith("vigil-demo-")).toList();
            assertTrue(dirs.isEmpty(), "work directories left behind: " + dirs);
        }
    }

    /** Node daemons the demo started: their command lines name its work directory under {@code tmp}. */
    private List<ProcessHandle> leftovers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("DemoNode") && c.contains(tmp.toString()))
                        .orElse(false))
                .toList();
    }
}
