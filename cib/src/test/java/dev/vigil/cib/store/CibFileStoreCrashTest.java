package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CibVersion;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stops a write after each of its steps, as a crash would (no clean-up runs), and checks that a new
 * store loads the previous or the new version from {@code cib.xml} itself, refusing nothing.
 */
class CibFileStoreCrashTest {
    /** Thrown by the crash point; an Error so the store's clean-up does not run. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash(String step) {
            super("crashed after " + step);
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "crash after {0}")
    @CsvSource({
        "temp-written, 2, false",
        "backed-up, 2, false",
        "digest-replaced, 2, true",
        "directory-synced, 2, true",
        "committed, 3, false",
        "synced, 3, false",
    })
    void loadsThePreviousOrTheNewVersion(String step, long expectedEpoch, boolean isPrevious) throws Exception {
        new CibFileStore(dir).write(TestCibs.atEpoch(1));
        new CibFileStore(dir).write(TestCibs.atEpoch(2));
        CibFileStore crashing = new CibFileStore(dir, 20, Clock.systemUTC(), s -> {
            if (s.equals(step)) {
                throw new SimulatedCrash(s);
            }
        });
        assertThrows(SimulatedCrash.class, () -> crashing.write(TestCibs.atEpoch(3)));

        LoadResult r = new CibFileStore(dir).load();

        LoadedCib cib = r.cib().orElseThrow(() -> new AssertionError(r.warnings()));
        assertEquals(new CibVersion(0, expectedEpoch, 0), cib.version());
        assertFalse(cib.isFromBackup(), r.warnings().toString());
        assertEquals(isPrevious ? 1 : 0, r.warnings().size(), r.warnings().toString());
        if (isPrevious) {
            assertTrue(r.warnings().get(0).contains("interrupted"), r.warnings().get(0));
        }

        // the store goes on working from there
        new CibFileStore(dir).write(TestCibs.atEpoch(4));
        LoadResult after = new CibFileStore(dir).load();
        assertEquals(new CibVersion(0, 4, 0), after.cib().orElseThrow().version());
        assertEquals(0, after.warnings().size(), after.warnings().toString());
    }
}
