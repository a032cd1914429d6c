package dev.vigil.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.Score;
import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which devices can fence which node (pcmk_host_*), priorities, and why nothing can. */
class DeviceSelectionTest extends FencerHarness {

    @Test
    void staticHostListAndMapPickTheDeviceAndItsPlug() throws Exception {
        Fixtures.fakeAgent(dir, "fence_a", "off,on,reboot", "exit 0");
        Fixtures.fakeAgent(dir, "fence_b", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("a", "fence_a", "pcmk_host_list", "n1 n4")
                .device("b", "fence_b", "pcmk_host_map", "n2:port-b;n3=port-c").build());

        assertEquals(List.of("b"), fence("n2", FenceAction.OFF).devices());
        assertEquals(List.of("a"), fence("n4", FenceAction.OFF).devices());
        assertEquals(List.of("fence_b action=off plug=port-b", "fence_a action=off plug=n4"), Fixtures.calls(dir));
        assertEquals(List.of("b"), fencer.devicesFor("n3").get(10, TimeUnit.SECONDS));
    }

    @Test
    void noCapableDeviceSaysWhyForEachDevice() throws Exception {
        Fixtures.fakeAgent(dir, "fence_a", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("a", "fence_a", "pcmk_host_list", "n1")
                .device("b", "fence_a", "pcmk_host_map", "n2:1;n3:2")
                .device("off", "fence_a", Map.of("target-role", "Stopped"))
                .device("typo", "fence_nope")
                .device("bad", "fence_a", "pcmk_delay_max", "later").build());

        FenceResult r = fence("n9", FenceAction.REBOOT);

        assertEquals(FenceResult.Status.NO_DEVICE, r.status(), describe(r));
        assertTrue(r.attempts().isEmpty());
        String e = r.error();
        assertContains(e, "no fence device can fence node n9: ");
        assertContains(e, "fence device 'a' is not configured for node n9 (pcmk_host_list/pcmk_host_map name n1)");
        assertContains(e, "fence device 'b' is not configured for node n9 (pcmk_host_list/pcmk_host_map name n2, n3)");
        assertContains(e, "fence device 'off' is disabled (target-role=Stopped)");
        assertContains(e, "fence device 'typo': no fence driver 'fence_nope'");
        assertContains(e, "fence device 'bad' (fence_a): parameter 'pcmk_delay_max' = 'later' is not a duration");
        assertEquals(1, fencer.configurationProblems().size());
        assertTrue(Fixtures.calls(dir).isEmpty());
    }

    @Test
    void dynamicListIsTheDefaultWhenTheDeviceCanList() throws Exception {
        Fixtures.fakeAgent(dir, "fence_virt", "off,on,reboot,list,status",
                "[ \"$action\" = list ] && printf 'vm-a,n5\\nn6\\n'; exit 0");
        start(Fixtures.cib().device("virt", "fence_virt").build());

        assertEquals(FenceResult.Status.SUCCESS, fence("n5", FenceAction.OFF).status());
        assertEquals(FenceResult.Status.SUCCESS, fence("n6", FenceAction.OFF).status());
        FenceResult r = fence("n7", FenceAction.OFF);
        assertEquals(FenceResult.Status.NO_DEVICE, r.status());
        assertContains(r.error(), "fence device 'virt' does not list node n7 among its targets [vm-a, n6]");
        long lists = Fixtures.calls(dir).stream().filter(c -> c.contains("action=list")).count();
        assertEquals(1, lists, "the list answer is cached: " + Fixtures.calls(dir));
    }

    @Test
    void failingListFallsBackToStatusByDefault() throws Exception {
        Fixtures.fakeAgent(dir, "fence_x", "off,on,reboot,list,status",
                "case \"$action\" in list) exit 1;; status) [ \"$plug\" = n2 ] && exit 2; exit 1;; esac; exit 0");
        start(Fixtures.cib().device("x", "fence_x").build());

        assertEquals(FenceResult.Status.SUCCESS, fence("n2", FenceAction.OFF).status());
        FenceResult r = fence("n3", FenceAction.OFF);
        assertEquals(FenceResult.Status.NO_DEVICE, r.status());
        assertContains(r.error(), "fence device 'x' status for node n3 failed");
    }

    @Test
    void explicitHostCheckNoneAndStatus() throws Exception {
        Fixtures.fakeAgent(dir, "fence_x", "off,on,reboot,list,status",
                "case \"$action\" in list) echo other;; status) [ \"$plug\" = n2 ] && exit 0; exit 1;; esac; exit 0");
        start(Fixtures.cib().device("any", "fence_x", "pcmk_host_check", "none", "priority", "1")
                .device("st", "fence_x", "pcmk_host_check", "status", "priority", "2").build());

        assertEquals(List.of("st", "any"), fencer.devicesFor("n2").get(10, TimeUnit.SECONDS));
        assertEquals(List.of("any"), fencer.devicesFor("n3").get(10, TimeUnit.SECONDS));
    }

    @Test
    void devicesAreTriedByPriorityHighestFirst() throws Exception {
        Fixtures.fakeAgent(dir, "fence_bad", "off,on,reboot", "exit 1");
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("low", "fence_ok", "priority", "1")
                .device("high", "fence_bad", "priority", "10", "pcmk_off_retries", "0")
                .device("mid", "fence_ok", "priority", "5").build());

        FenceResult r = fence("n2", FenceAction.OFF);

        assertEquals(List.of("high:off:FAILED", "mid:off:SUCCESS"), attemptSummary(r));
        assertEquals(List.of("mid"), r.devices());
    }

    @Test
    void deviceBannedFromThisNodeIsNotUsed() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("mine", "fence_ok").device("other", "fence_ok")
                .constraint(new LocationConstraint("ban", "mine", null, List.of(), "n1", Score.NEGATIVE_INFINITY,
                        List.of(), null, null)).build());

        assertEquals(List.of("other"), fence("n2", FenceAction.OFF).devices());
    }

    @Test
    void cibUpdateReplacesDevices() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot", "exit 0");
        start(Fixtures.cib().device("d", "fence_ok", "pcmk_host_list", "n2").build());
        assertEquals(FenceResult.Status.NO_DEVICE, fence("n3", FenceAction.OFF).status());

        fencer.updateCib(Fixtures.cib().device("d", "fence_ok", "pcmk_host_list", "n3").build());

        assertEquals(FenceResult.Status.SUCCESS, fence("n3", FenceAction.OFF).status());
    }

    @Test
    void monitorRunsTheDevicesMonitorAction() throws Exception {
        Fixtures.fakeAgent(dir, "fence_ok", "off,on,reboot,monitor", "exit 0");
        Fixtures.fakeAgent(dir, "fence_down", "off,on,reboot,monitor",
                "echo 'ERROR: Unable to connect to 10.0.0.9' >&2; exit 1");
        start(Fixtures.cib().device("ok", "fence_ok").device("down", "fence_down").build());

        assertTrue(fencer.monitor("ok").get(10, TimeUnit.SECONDS).success());
        MonitorResult down = fencer.monitor("down").get(10, TimeUnit.SECONDS);
        assertFalse(down.success());
        assertContains(down.message(), "Unable to connect to 10.0.0.9");
        assertFalse(fencer.monitor("ghost").get(10, TimeUnit.SECONDS).success());
    }

    @Test
    void realFenceDummyPassesTheDefaultStatusCheck() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(FENCE_DUMMY));
        start(Fixtures.cib().device("dummy", "fence_dummy", "status_file", dir.resolve("s").toString()).build());
        assertEquals(List.of("dummy"), fencer.devicesFor("anything").get(10, TimeUnit.SECONDS));
    }
}
