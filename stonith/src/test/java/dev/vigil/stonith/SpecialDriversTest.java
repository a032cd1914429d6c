package dev.vigil.stonith;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceAttempt;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.stonith.manual.ManualDriver;
import dev.vigil.stonith.spi.NodeContact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The manual, watchdog and testing-only drivers through the fencer. */
class SpecialDriversTest extends FencerHarness {

    private ManualDriver manual() {
        return (ManualDriver) registry.find(ManualDriver.NAME).orElseThrow();
    }

    @Test
    void manualFencingWaitsForTheOperatorsConfirmation() throws Exception {
        start(Fixtures.cib().device("ops", "manual", "instructions", "switch off PDU outlet 7").build());

        CompletableFuture<FenceResult> f = fencer.fence(FenceRequest.of("n2", FenceAction.REBOOT, "n1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manual().isWaitingFor("n2"));

        assertFalse(f.isDone());
        List<String> asks = log.linesContaining("MANUAL FENCING REQUIRED");
        assertEquals(1, asks.size(), log.lines().toString());
        assertTrue(asks.get(0).contains("make sure node n2 is powered off") && asks.get(0)
                .contains("(switch off PDU outlet 7), then run 'vigil stonith confirm n2'"), asks.get(0));
        assertTrue(fencer.confirm("n2"));
        FenceResult r = f.get(10, TimeUnit.SECONDS);
        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(List.of("ops"), r.devices());
        assertFalse(manual().isWaitingFor("n2"));
    }

    @Test
    void manualFencingTimesOutWithoutConfirmation() throws Exception {
        start(Fixtures.cib().device("ops", "manual", "pcmk_off_timeout", "300ms", "pcmk_off_retries", "0").build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.FAILED, r.status(), describe(r));
        FenceAttempt a = r.attempts().get(0);
        assertEquals(FenceAttempt.Outcome.TIMED_OUT, a.outcome());
        assertContains(a.error(), "no operator confirmed within 300ms that node n2 is down");
        assertFalse(fencer.confirm("n2"), "nothing waits any more");
    }

    @Test
    void confirmingANodeNobodyWaitsForChangesNothing() {
        start(Fixtures.cib().device("ops", "manual").build());
        assertFalse(fencer.confirm("n7"));
        assertTrue(fencer.history().isEmpty());
    }

    @Test
    void watchdogFencingSucceedsOnceThePeerWasSilentForTheWatchdogTimeout() throws Exception {
        Instant lastSeen = Instant.now().minusMillis(200);
        start(Fixtures.cib().option("stonith-watchdog-timeout", "600ms").build(), () -> 0.5,
                node -> node.equals("n2") ? Optional.of(lastSeen) : Optional.empty());

        FenceResult r = fence("n2", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(List.of("watchdog"), r.devices());
        assertFalse(r.finished().isBefore(lastSeen.plusMillis(600)), "not before lastSeen + 600ms");
        assertTrue(Duration.between(r.started(), r.finished()).compareTo(Duration.ofSeconds(3)) < 0);
    }

    @Test
    void peerStillInContactIsNotWatchdogFenced() throws Exception {
        start(Fixtures.cib().option("stonith-watchdog-timeout", "300ms").option("stonith-timeout", "600ms")
                .build(), () -> 0.5, node -> Optional.of(Instant.now()));

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.FAILED, r.status(), describe(r));
        assertContains(r.attempts().get(0).error(), "it is alive and has not self-fenced");
    }

    @Test
    void localNodeCannotConfirmItsOwnWatchdogFencing() throws Exception {
        start(Fixtures.cib().option("stonith-watchdog-timeout", "300ms").build(), () -> 0.5, NodeContact.UNKNOWN);

        FenceResult r = fence("n1", FenceAction.OFF);

        assertEquals(FenceResult.Status.FAILED, r.status(), describe(r));
        assertContains(r.error(), "watchdog fencing cannot confirm the local node n1");
    }

    @Test
    void withoutDevicesOrWatchdogTimeoutNothingCanFence() throws Exception {
        start(Fixtures.cib().build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.NO_DEVICE, r.status());
        assertEquals("no fence device can fence node n2: no fence devices are configured", r.error());
    }

    @Test
    void testingOnlyDriverSucceedsAndWarnsLoudlyEachTime() throws Exception {
        start(Fixtures.cib().device("fake", "fence_vigil_testing_only_does_nothing").build());

        assertEquals(FenceResult.Status.SUCCESS, fence("n2", FenceAction.REBOOT).status());
        assertEquals(FenceResult.Status.SUCCESS, fence("n3", FenceAction.OFF).status());

        assertEquals(1, log.linesContaining("WARN fence device 'fake' (fence_vigil_testing_only_does_nothing) is "
                + "configured: it FENCES NOTHING").size(), log.lines().toString());
        assertEquals(1, log.linesContaining("did NOT reboot node n2: this driver fences nothing").size());
        assertEquals(1, log.linesContaining("did NOT off node n3: this driver fences nothing").size());
    }

    @Test
    void closeStopsEveryThreadTheFencerStarted() throws Exception {
        start(Fixtures.cib().device("ops", "manual").build());
        CompletableFuture<FenceResult> f = fencer.fence(FenceRequest.of("n2", FenceAction.OFF, "n1"));
        await().until(() -> manual().isWaitingFor("n2"));

        fencer.close();

        assertEquals(FenceResult.Status.CANCELLED, f.get(10, TimeUnit.SECONDS).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("vigil-fencer-") && t.isAlive()));
        assertFalse(manual().isWaitingFor("n2"));
    }
}
