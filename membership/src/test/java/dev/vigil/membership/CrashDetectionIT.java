package dev.vigil.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.LinkStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With a long deadtime, a node whose process is killed ({@code kill -9} of a separate JVM: the
 * kernel closes its sockets, nothing is said) is lost on every link at once, while a node that
 * merely goes silent (all its traffic dropped, its sockets open) is lost only after deadtime.
 */
class CrashDetectionIT {

    private static final Duration KEEPALIVE = Duration.ofMillis(500);
    private static final Duration DEADTIME = Duration.ofSeconds(10);
    private static final int KEY_SEED = 9;
    private static final List<String> PAIR = List.of("a", "b");

    private TestCluster cluster;
    private Process process;

    @AfterEach
    void stopAll() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledProcessIsLostOnEveryLinkWellWithinDeadtime() throws Exception {
        cluster = TestCluster.configure(TestCluster.key(KEY_SEED), "a", "b").withTimings(KEEPALIVE, DEADTIME);
        cluster.start("a");
        process = startInOwnJvm("b");
        awaitBothLinksReach(PAIR);
        Thread.sleep(2 * KEEPALIVE.toMillis()); // every liveness connection is open by now

        long killed = System.nanoTime();
        process.destroyForcibly(); // SIGKILL
        await().atMost(DEADTIME.dividedBy(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> cluster.listener("a").members().equals(List.of("a")));
        long lostMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("TIMING loss of a killed process (deadtime %d s): %d ms%n", DEADTIME.toSeconds(), lostMillis);
        assertTrue(lostMillis < 2_000, "lost after " + lostMillis + " ms; deadtime is " + DEADTIME);
        for (String link : List.of("link0", "link1")) {
            assertEquals(List.of("a"), cluster.listener("a").link(link).reachable(), link);
        }
    }

    @Test
    void aSilentNodeIsLostOnlyAfterDeadtime() {
        cluster = TestCluster.configure(TestCluster.key(KEY_SEED), "a", "b").withTimings(KEEPALIVE, DEADTIME)
                .startAll();
        awaitBothLinksReach(PAIR);

        long cut = System.nanoTime();
        cluster.node("b").setLinkBlocked("link0", true);
        cluster.node("b").setLinkBlocked("link1", true);
        await().atMost(DEADTIME.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.listener("a").members().equals(List.of("a")));
        long lostMillis = (System.nanoTime() - cut) / 1_000_000;
        System.out.printf("TIMING loss of a silent node (deadtime %d s): %d ms%n", DEADTIME.toSeconds(), lostMillis);
        // the last heartbeat heard may be up to one keepalive older than the cut
        long earliest = DEADTIME.minus(KEEPALIVE).toMillis() - 250;
        assertTrue(lostMillis >= earliest, "lost after " + lostMillis + " ms, before deadtime " + DEADTIME);
        assertTrue(lostMillis < DEADTIME.toMillis() + 3_000, "lost after " + lostMillis + " ms");
    }

    private Process startInOwnJvm(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), MemberProcess.class.getName()));
        command.addAll(MemberProcess.arguments(cluster, name, KEY_SEED));
        Path log = Files.createTempFile("crash-detection-" + name, ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitBothLinksReach(List<String> members) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RecordingListener atA = cluster.listener("a");
            assertEquals(members, atA.members());
            for (String link : List.of("link0", "link1")) {
                assertEquals(new LinkStatus(link, true, members), atA.link(link), link);
            }
        });
    }
}
