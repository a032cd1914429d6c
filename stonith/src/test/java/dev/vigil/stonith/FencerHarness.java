package dev.vigil.stonith;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Cib;
import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceAttempt;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.stonith.spi.NodeContact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for fencer tests: an agent directory in a temp dir (fake agents, and a link to the real
 * {@code fence_dummy}), a registry over it and a fencer, closed after each test.
 */
abstract class FencerHarness {
    static final Path FENCE_DUMMY = Path.of("/usr/sbin/fence_dummy");

    @TempDir
    Path dir;

    DriverRegistry registry;
    LocalFencer fencer;
    LogCapture log;

    @BeforeEach
    void setUpHarness() throws Exception {
        if (Files.isExecutable(FENCE_DUMMY)) {
            Files.createSymbolicLink(dir.resolve("fence_dummy"), FENCE_DUMMY);
        }
        registry = DriverRegistry.builder().agentDirectory(dir).build();
        log = new LogCapture();
    }

    @AfterEach
    void tearDownHarness() {
        if (fencer != null) {
            fencer.close();
        }
        registry.close();
        log.close();
    }

    LocalFencer start(Cib cib) {
        return start(cib, () -> 0.5, NodeContact.UNKNOWN);
    }

    LocalFencer start(Cib cib, DoubleSupplier random, NodeContact contact) {
        fencer = LocalFencer.builder(registry, "n1").cib(cib).random(random).nodeContact(contact).build();
        return fencer;
    }

    FenceResult fence(String target, FenceAction action) throws Exception {
        return fence(FenceRequest.of(target, action, "n1"));
    }

    FenceResult fence(FenceRequest request) throws Exception {
        CompletableFuture<FenceResult> f = fencer.fence(request);
        return f.get(60, TimeUnit.SECONDS);
    }

    static String describe(FenceResult r) {
        StringBuilder b = new StringBuilder(r.status() + " level=" + r.level() + " devices=" + r.devices()
                + " error=" + r.error());
        for (FenceAttempt a : r.attempts()) {
            b.append("\n  ").append(a.device()).append(' ').append(a.action()).append(" #").append(a.attempt())
                    .append(' ').append(a.outcome()).append(' ').append(a.error());
        }
        return b.toString();
    }

    static List<String> attemptSummary(FenceResult r) {
        return r.attempts().stream().map(a -> a.device() + ":" + a.action() + ":" + a.outcome()).toList();
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
    }

    static Duration between(java.time.Instant a, java.time.Instant b) {
        return Duration.between(a, b);
    }
}
