package dev.vigil.stonith.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.ParameterInfo;
import dev.vigil.stonith.spi.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fence-agents bridge against the real {@code /usr/sbin/fence_dummy}. */
class FenceDummyTest {
    static final Path FENCE_DUMMY = Path.of("/usr/sbin/fence_dummy");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static FenceAgentDriver driver;

    @TempDir
    Path dir;

    @BeforeAll
    static void agentInstalled() {
        assumeTrue(Files.isExecutable(FENCE_DUMMY), "fence_dummy is not installed (apt-get install fence-agents)");
        driver = new FenceAgentDriver(FENCE_DUMMY, Duration.ofSeconds(10));
    }

    private FenceDevice device(String... params) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return driver.create(DeviceConfig.of("dummy", "fence_dummy", p), DriverContext.standalone("n1"));
    }

    @Test
    void parsesMetadataOfTheRealAgent() {
        DriverMetadata md = driver.metadata();
        assertEquals("fence_dummy", md.name());
        assertEquals("Dummy fence agent", md.shortDescription());
        ParameterInfo status = md.parameter("status_file").orElseThrow();
        assertEquals("/tmp/fence_dummy.status", status.defaultValue());
        assertEquals("File with status", status.description());
        assertTrue(md.hasParameter("random_sleep_range"));
        assertEquals("file", md.parameter("type").orElseThrow().defaultValue());
        assertTrue(md.parameter("debug").orElseThrow().deprecated());
        assertTrue(md.actions().containsAll(java.util.EnumSet.of(DeviceAction.OFF, DeviceAction.ON,
                DeviceAction.REBOOT, DeviceAction.STATUS, DeviceAction.MONITOR)));
        assertFalse(md.actions().contains(DeviceAction.LIST), "fence_dummy has no list action");
    }

    @Test
    void offOnRebootAndStatusSucceedWithAStatusFile() throws Exception {
        Path status = dir.resolve("dummy.status");
        FenceDevice d = device("status_file", status.toString());
        FenceTarget t = FenceTarget.of("n2");

        assertEquals(PowerState.OFF, d.status(t, TIMEOUT), "no status file reads as off");
        d.on(t, TIMEOUT);
        assertEquals("on", Files.readString(status));
        assertEquals(PowerState.ON, d.status(t, TIMEOUT));
        d.off(t, TIMEOUT);
        assertEquals("off", Files.readString(status));
        assertEquals(PowerState.OFF, d.status(t, TIMEOUT));
        d.reboot(t, TIMEOUT);
        assertEquals(PowerState.ON, d.status(t, TIMEOUT));
        d.monitor(TIMEOUT);
    }

    @Test
    void failingAgentReportsItsErrorLine() {
        FenceDevice d = device("type", "fail", "power_timeout", "1");
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> d.off(FenceTarget.of("n2"), TIMEOUT));
        assertEquals(FenceDeviceException.Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains("fence_dummy 'off' exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Timed out waiting to power OFF"), e.getMessage());
    }

    @Test
    void agentThatRunsPastItsTimeoutIsKilled() {
        // random_sleep_range=30 sleeps between 1 and 30 seconds: always longer than 300ms
        FenceDevice d = device("random_sleep_range", "30", "status_file", dir.resolve("s").toString());
        long t0 = System.nanoTime();
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> d.off(FenceTarget.of("n2"), Duration.ofMillis(300)));
        assertEquals(FenceDeviceException.Reason.TIMED_OUT, e.reason());
        assertTrue(e.getMessage().contains("did not finish 'off' within 300ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void listIsUnsupportedBecauseTheMetadataDoesNotAdvertiseIt() {
        FenceDevice d = device();
        FenceDeviceException e = assertThrows(FenceDeviceException.class, () -> d.list(TIMEOUT));
        assertEquals(FenceDeviceException.Reason.UNSUPPORTED, e.reason());
    }
}
