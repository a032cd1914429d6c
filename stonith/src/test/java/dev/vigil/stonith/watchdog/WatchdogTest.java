package dev.vigil.stonith.watchdog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.stonith.LogCapture;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keepalive timing against a fake watchdog: a FIFO whose reader timestamps every byte. A FIFO does
 * not support the watchdog ioctls, so this also covers the write-only fallback.
 */
class WatchdogTest {
    static final Duration TIMEOUT = Duration.ofMillis(600);
    static final long INTERVAL_MS = 200;

    @TempDir
    Path dir;
    Path fifo;
    FifoReader reader;
    LogCapture log;

    /** Reads the FIFO until the writer closes it, remembering when each byte arrived. */
    static final class FifoReader extends Thread {
        record Byte(long nanos, char value) {
        }

        private final Path path;
        private final List<Byte> received = new ArrayList<>();
        private volatile boolean eof;

        FifoReader(Path path) {
            super("fifo-reader");
            this.path = path;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (InputStream in = new FileInputStream(path.toFile())) {
                int b;
                while ((b = in.read()) >= 0) {
                    synchronized (received) {
                        received.add(new Byte(System.nanoTime(), (char) b));
                    }
                }
            } catch (IOException e) {
                // the test fails on the missing bytes
            }
            eof = true;
        }

        List<Byte> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        long keepalives() {
            return received().stream().filter(b -> b.value() == 'k').count();
        }
    }

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    /** Makes the fake device and starts its reader (which blocks until the watchdog opens it). */
    private Path fifo() throws Exception {
        fifo = dir.resolve("watchdog");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        reader = new FifoReader(fifo);
        reader.start();
        return fifo;
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void feedsEveryThirdOfTheTimeoutAndSaysItCannotSetTheTimeout() throws Exception {
        try (Watchdog wd = Watchdog.start(fifo(), TIMEOUT, () -> Optional.empty())) {
            assertEquals(Duration.ofMillis(INTERVAL_MS), wd.interval());
            assertFalse(wd.isTimeoutSet(), "a FIFO does not take WDIOC_SETTIMEOUT");
            await().atMost(Duration.ofSeconds(5)).until(() -> reader.keepalives() >= 7);
        }
        List<FifoReader.Byte> bytes = reader.received();
        for (int i = 1; i < 7; i++) {
            long gapMs = (bytes.get(i).nanos() - bytes.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= INTERVAL_MS - 80 && gapMs <= INTERVAL_MS + 150, "gap " + i + " was " + gapMs + "ms");
        }
        assertEquals(1, log.linesContaining("does not support setting its timeout").size(), log.lines().toString());
    }

    @Test
    void stopsFeedingWithinOneIntervalWhenTheHealthCheckFails() throws Exception {
        AtomicBoolean quorum = new AtomicBoolean(true);
        Watchdog wd = Watchdog.start(fifo(), TIMEOUT, HealthCheck.of("lost quorum", quorum::get));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> reader.keepalives() >= 3);
            long failedAt = System.nanoTime();
            quorum.set(false);
            await().atMost(Duration.ofMillis(INTERVAL_MS * 3)).until(() -> wd.state() == Watchdog.State.TRIPPED);
            long count = reader.keepalives();
            await().during(Duration.ofMillis(INTERVAL_MS * 4)).atMost(Duration.ofSeconds(3))
                    .until(() -> reader.keepalives() == count);
            long last = reader.received().get(reader.received().size() - 1).nanos();
            assertTrue(last - failedAt <= (INTERVAL_MS + 50) * 1_000_000L,
                    "last keepalive " + (last - failedAt) / 1_000_000 + "ms after the failure");
            quorum.set(true);
            await().during(Duration.ofMillis(INTERVAL_MS * 2)).atMost(Duration.ofSeconds(2))
                    .until(() -> reader.keepalives() == count);
            assertEquals(Watchdog.State.TRIPPED, wd.state(), "never resumes");
        } finally {
            wd.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.eof);
        assertFalse(reader.received().stream().anyMatch(b -> b.value() == 'V'), "no magic close after a failure");
        assertEquals(1, log.linesContaining("health check failed (lost quorum)").size(), log.lines().toString());
        assertEquals(1, log.linesContaining("closed without disarming").size());
    }

    @Test
    void cleanStopWritesTheMagicClose() throws Exception {
        Watchdog wd = Watchdog.start(fifo(), TIMEOUT, () -> Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.keepalives() >= 2);

        wd.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.eof);
        List<FifoReader.Byte> bytes = reader.received();
        assertEquals('V', bytes.get(bytes.size() - 1).value());
        assertEquals(Watchdog.State.CLOSED, wd.state());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("vigil-watchdog") && t.isAlive()));
    }

    @Test
    void aHealthCheckThatThrowsCountsAsFailed() throws Exception {
        try (Watchdog wd = Watchdog.start(fifo(), TIMEOUT, () -> {
            throw new IllegalStateException("controller gone");
        })) {
            await().atMost(Duration.ofSeconds(2)).until(() -> wd.state() == Watchdog.State.TRIPPED);
        }
        assertEquals(1, log.linesContaining("health check threw java.lang.IllegalStateException: controller gone")
                .size(), log.lines().toString());
    }

    @Test
    void regularFileGetsWriteOnlyKeepalives() throws Exception {
        Path file = dir.resolve("fake-watchdog");
        Files.createFile(file);
        Watchdog wd = Watchdog.start(file, TIMEOUT, () -> Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(file) >= 2);
        wd.close();
        String written = Files.readString(file);
        assertTrue(written.matches("k+V"), written);
    }

    @Test
    void heartbeatFailsWhenTheLoopStopsBeating() {
        long[] now = {0};
        Heartbeat beat = new Heartbeat(() -> now[0]);
        HealthCheck check = beat.freshWithin("controller loop", Duration.ofSeconds(5));
        now[0] = Duration.ofSeconds(4).toNanos();
        assertEquals(Optional.empty(), check.problem());
        now[0] = Duration.ofSeconds(6).toNanos();
        assertEquals(Optional.of("controller loop has not made progress for 6000ms"), check.problem());
        beat.beat();
        assertEquals(Optional.empty(), check.problem());
    }
}
