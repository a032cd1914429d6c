package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a process that writes CIB versions in a loop with SIGKILL after some acknowledged writes,
 * then checks that loading gives a version at least as new as the last acknowledged one, from a
 * {@code cib.xml} whose digest checks. The kill lands wherever the writer happens to be.
 */
class CibFileStoreKillTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final String END = "<end of output>";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIGKILL after {0} acknowledged writes")
    @ValueSource(ints = {1, 2, 4, 7, 12, 19, 28, 42, 63, 97})
    void keepsEveryAcknowledgedWrite(int killAfter) throws Exception {
        Path dir = tmp.resolve("cib");
        Path stderr = tmp.resolve("writer.err");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), dir.toString())
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(writer, lines), "writer-output");
        reader.start();
        long lastAcked = 0;
        try {
            lastAcked = awaitAck(lines, killAfter, stderr);
            writer.destroyForcibly(); // SIGKILL on Linux
            assertTrue(writer.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the writer did not die");
            reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            for (String line = lines.poll(); line != null && !line.equals(END); line = lines.poll()) {
                lastAcked = Math.max(lastAcked, ackedEpoch(line)); // printed before the kill: acknowledged
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS); // before @TempDir is deleted
        }

        LoadResult r = new CibFileStore(dir).load();

        LoadedCib cib = r.cib().orElseThrow(() -> new AssertionError("nothing loaded: " + r.warnings()));
        long epoch = cib.version().epoch();
        assertTrue(epoch >= lastAcked && epoch <= lastAcked + 1,
                "loaded epoch " + epoch + " but the last acknowledged write was epoch " + lastAcked);
        assertFalse(cib.isFromBackup(), "cib.xml itself must check: " + r.warnings());
        assertTrue(r.warnings().stream().allMatch(w -> w.contains("interrupted")), r.warnings().toString());
        assertTrue(CibDigest.sha256Of(Files.readAllBytes(cib.source())).equals(cib.sha256()));
    }

    /** Waits (blocking, with a deadline) until the writer has acknowledged {@code count} writes. */
    private static long awaitAck(BlockingQueue<String> lines, int count, Path stderr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        long acked = 0;
        while (acked < count) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                fail("the writer " + (line == null ? "acknowledged nothing for " + TIMEOUT_SECONDS + " s" : "stopped")
                        + " after " + acked + " writes; its errors: " + readQuietly(stderr));
            }
            acked = Math.max(acked, ackedEpoch(line));
        }
        return acked;
    }

    private static long ackedEpoch(String line) {
        return line.startsWith("acked ") ? Long.parseLong(line.substring("acked ".length()).trim()) : 0;
    }

    private static void readLines(Process p, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed; what was read is in the queue
        } finally {
            lines.add(END);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return String.join("\n", Files.readAllLines(file));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
