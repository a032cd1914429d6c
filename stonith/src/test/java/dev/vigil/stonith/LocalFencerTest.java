package dev.vigil.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceAttempt;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topology, retries, timeouts, delays and reboot remapping. */
class LocalFencerTest extends FencerHarness {

    private void needFenceDummy() {
        assumeTrue(Files.isExecutable(FENCE_DUMMY), "fence_dummy is not installed");
    }

    @Test
    void fencesWithTheRealFenceDummy() throws Exception {
        needFenceDummy();
        Path status = dir.resolve("dummy.status");
        Files.writeString(status, "on");
        start(Fixtures.cib().device("dummy", "fence_dummy", "status_file", status.toString()).build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(List.of("dummy"), r.devices());
        assertEquals(0, r.level());
        assertEquals(List.of("dummy:off:SUCCESS"), attemptSummary(r));
        assertEquals("off", Files.readString(status));
        assertTrue(!r.finished().isBefore(r.started()));
        assertEquals(List.of(r), fencer.history());
        assertEquals(1, log.linesContaining("Fencing n2: device 'dummy' off succeeded").size(), log.lines().toString());
        assertEquals(1, log.linesContaining("INFO Node n2 was fenced (off) by dummy for n1").size());
    }

    @Test
    void failingLevelFallsThroughToTheNextLevel() throws Exception {
        needFenceDummy();
        start(Fixtures.cib()
                .device("broken", "fence_dummy", "type", "fail", "power_timeout", "1", "pcmk_off_retries", "0")
                .device("good", "fence_dummy", "status_file", dir.resolve("good.status").toString())
                .level("n2", 1, "broken").level("n2", 2, "good").build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(2, r.level());
        assertEquals(List.of("good"), r.devices());
        assertEquals(List.of("broken:off:FAILED", "good:off:SUCCESS"), attemptSummary(r));
        FenceAttempt failed = r.attempts().get(0);
        assertEquals(1, failed.level());
        assertContains(failed.error(), "Timed out waiting to power OFF");
        assertEquals(1, log.linesContaining("WARN Fencing n2: device 'broken' off FAILED at level 1 (attempt 1/1")
                .size(), log.lines().toString());
        assertEquals(1, log.linesContaining("INFO Fencing n2: device 'good' off succeeded at level 2").size());
    }

    @Test
    void everyDeviceOfALevelMustSucceed() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        Fixtures.fakeAgent(dir, "fence_bad", "off,on,reboot", "echo 'outlet stuck' >&2; exit 1");
        start(Fixtures.cib().device("a", "fence_ok").device("b", "fence_bad", "pcmk_off_retries", "0")
                .device("c", "fence_ok").level("n2", 1, "a", "b", "c").build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.FAILED, r.status(), describe(r));
        assertEquals(List.of("a:off:SUCCESS", "b:off:FAILED"), attemptSummary(r), "c is not tried after b failed");
        assertContains(r.error(), "level 1: device 'b' off failed: fence agent fence_bad 'off' exited with code 1: "
                + "outlet stuck");
    }

    @Test
    void unknownDeviceFailsItsLevel() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("real", "fence_ok").level("n2", 1, "ghost").level("n2", 2, "real").build());

        FenceResult r = fence("n2", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(2, r.level());
        assertEquals("there is no fence device 'ghost' (no primitive of class stonith with that id)",
                r.attempts().get(0).error());
    }

    @Test
    void hangingDeviceTimesOutAndIsRetried() throws Exception {
        Path counter = dir.resolve("count");
        Fixtures.fakeAgent(dir, "fence_hang", "off,on,reboot",
                "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n+1)) > " + counter + "\n"
                        + "if [ \"$n\" = 0 ]; then sleep 30; fi\nexit 0");
        start(Fixtures.cib().device("hang", "fence_hang", "pcmk_off_timeout", "500ms", "pcmk_off_retries", "1")
                .build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(List.of("hang:off:TIMED_OUT", "hang:off:SUCCESS"), attemptSummary(r));
        FenceAttempt first = r.attempts().get(0);
        assertContains(first.error(), "did not finish 'off' within 500ms; its process group was killed");
        assertTrue(first.duration().compareTo(Duration.ofMillis(450)) >= 0, first.duration().toString());
        assertTrue(first.duration().compareTo(Duration.ofSeconds(5)) < 0, first.duration().toString());
        assertEquals(1, log.linesContaining("WARN Fencing n2: device 'hang' off TIMED OUT (attempt 1/2").size(),
                log.lines().toString());
    }

    @Test
    void retriesTwiceByDefaultThenGivesUp() throws Exception {
        Fixtures.fakeAgent(dir, "fence_bad", "off,on,reboot", "exit 1");
        start(Fixtures.cib().device("bad", "fence_bad").build());

        FenceResult r = fence("n2", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.FAILED, r.status(), describe(r));
        assertEquals(List.of(1, 2, 3), r.attempts().stream().map(FenceAttempt::attempt).toList());
        assertContains(r.error(), "every capable fence device failed: device 'bad' reboot failed");
    }

    @Test
    void requestTimeoutBoundsTheWholeOperation() throws Exception {
        Fixtures.fakeAgent(dir, "fence_hang", "off,on,reboot", "sleep 30");
        start(Fixtures.cib().device("hang", "fence_hang", "pcmk_off_timeout", "20s").build());

        long t0 = System.nanoTime();
        FenceResult r = fence(FenceRequest.of("n2", FenceAction.OFF, "n1", Duration.ofMillis(700)));

        assertEquals(FenceResult.Status.TIMED_OUT, r.status(), describe(r));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(6)) < 0);
        assertContains(r.error(), "fencing did not succeed within the request timeout of 700ms");
    }

    @Test
    void waitsTheFirstDevicesDelayOnce() throws Exception {
        Fixtures.fakeAgent(dir, "fence_bad", "off,on,reboot", "exit 1");
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib()
                .device("first", "fence_bad", "pcmk_delay_base", "200ms", "pcmk_delay_max", "1s",
                        "pcmk_off_retries", "1")
                .device("second", "fence_ok", "pcmk_delay_base", "5s")
                .level("n2", 1, "first").level("n2", 2, "second").build(), () -> 0.5,
                dev.vigil.stonith.spi.NodeContact.UNKNOWN);

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        Duration beforeFirst = between(r.started(), r.attempts().get(0).started());
        assertTrue(beforeFirst.compareTo(Duration.ofMillis(600)) >= 0, "delay 200ms + 0.5 * 800ms: " + beforeFirst);
        Duration beforeLevel2 = between(r.attempts().get(1).finished(), r.attempts().get(2).started());
        assertTrue(beforeLevel2.compareTo(Duration.ofSeconds(2)) < 0, "no second delay: " + beforeLevel2);
        assertEquals(1, log.linesContaining("Fencing n2: waiting 600ms first (pcmk_delay_base/pcmk_delay_max of "
                + "device 'first')").size(), log.lines().toString());
    }

    @Test
    void rebootWithoutRebootActionIsOffThenOn() throws Exception {
        Fixtures.fakeAgent(dir, "fence_onoff", "off,on", "exit 0");
        start(Fixtures.cib().device("pdu", "fence_onoff", "pcmk_host_map", "n2:7").build());

        FenceResult r = fence("n2", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), describe(r));
        assertEquals(List.of("pdu:off:SUCCESS", "pdu:on:SUCCESS"), attemptSummary(r));
        assertEquals(List.of("fence_onoff action=off plug=7", "fence_onoff action=on plug=7"), Fixtures.calls(dir));
    }

    @Test
    void rebootOnALevelOfSeveralDevicesTurnsAllOffThenAllOn() throws Exception {
        Fixtures.fakeAgent(dir, "fence_psu1", "off,on,reboot", "exit 0");
        Fixtures.fakeAgent(dir, "fence_psu2", "off,on,reboot", "[ \"$action\" = on ] && exit 1; exit 0");
        start(Fixtures.cib().device("psu1", "fence_psu1").device("psu2", "fence_psu2", "pcmk_on_retries", "0")
                .level("n2", 1, "psu1", "psu2").build());

        FenceResult r = fence("n2", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.SUCCESS, r.status(), "on failures do not fail fencing: " + describe(r));
        assertEquals(List.of("psu1", "psu2"), r.devices());
        assertEquals(List.of("fence_psu1 action=off plug=n2", "fence_psu2 action=off plug=n2",
                "fence_psu1 action=on plug=n2", "fence_psu2 action=on plug=n2"), Fixtures.calls(dir));
        assertEquals(1, log.linesContaining("[ignored: the target is already off]").size(), log.lines().toString());
    }

    @Test
    void unfencingUsesOn() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("d", "fence_ok").build());

        FenceResult r = fence("n2", FenceAction.ON);

        assertEquals(List.of("d:on:SUCCESS"), attemptSummary(r));
    }

    @Test
    void concurrentRequestForTheSameTargetJoinsTheRunningOperation() throws Exception {
        Fixtures.fakeAgent(dir, "fence_slow", "off,on,reboot", "sleep 1; exit 0");
        start(Fixtures.cib().device("slow", "fence_slow").build());

        var first = fencer.fence(FenceRequest.of("n2", FenceAction.OFF, "n1"));
        var second = fencer.fence(FenceRequest.of("n2", FenceAction.OFF, "n3"));

        assertEquals(first.get().attempts(), second.get().attempts());
        assertEquals(1, Fixtures.calls(dir).size());
        assertEquals(1, fencer.history().size());
    }

    @Test
    void closeCancelsRunningOperations() throws Exception {
        Fixtures.fakeAgent(dir, "fence_hang", "off,on,reboot", "sleep 30");
        start(Fixtures.cib().device("hang", "fence_hang").build());
        var pending = fencer.fence(FenceRequest.of("n2", FenceAction.OFF, "n1"));
        org.awaitility.Awaitility.await().until(() -> Fixtures.calls(dir).size() == 1);

        fencer.close();

        assertEquals(FenceResult.Status.CANCELLED, pending.get().status());
        assertEquals(FenceResult.Status.CANCELLED, fence("n3", FenceAction.OFF).status());
    }
}
