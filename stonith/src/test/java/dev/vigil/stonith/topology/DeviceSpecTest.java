package dev.vigil.stonith.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Operation;
import dev.vigil.stonith.Fixtures;
import dev.vigil.stonith.spi.DeviceAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {
    static final Duration STONITH_TIMEOUT = Duration.ofSeconds(60);

    private static DeviceSpec spec(String... params) {
        return DeviceSpec.from(Fixtures.primitive("d1", "fence_x", Map.of(), List.of(), params), Map.of());
    }

    @Test
    void readsHostListMapAndPlugs() {
        DeviceSpec s = spec("pcmk_host_list", "n1 n2", "pcmk_host_map", "n3:port3");
        assertTrue(s.hasStaticTargets());
        assertTrue(s.isListed("n1") && s.isListed("n3"));
        assertFalse(s.isListed("n4"));
        assertEquals("port3", s.plugFor("n3"));
        assertEquals("n1", s.plugFor("n1"));
        assertEquals(Optional.empty(), s.explicitHostCheck());
    }

    @Test
    void explicitStaticListNeedsAListOrMap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec("pcmk_host_check", "static-list"));
        assertTrue(e.getMessage().startsWith("fence device 'd1' (fence_x) has pcmk_host_check=static-list"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec("pcmk_host_check", "sometimes"));
        assertEquals(Optional.of(HostCheck.DYNAMIC_LIST), spec("pcmk_host_check", "dynamic-list")
                .explicitHostCheck());
    }

    @Test
    void timeoutsComeFromPcmkParametersThenOpsThenStonithTimeout() {
        Operation monitor = new Operation("d1-mon", "monitor", 60_000, null, null, true, Map.of("timeout", "20s"));
        DeviceSpec s = DeviceSpec.from(Fixtures.primitive("d1", "fence_x", Map.of(), List.of(monitor),
                "pcmk_reboot_timeout", "90s", "pcmk_off_timeout", "500ms"), Map.of());
        assertEquals(Duration.ofSeconds(90), s.timeout(DeviceAction.REBOOT, STONITH_TIMEOUT));
        assertEquals(Duration.ofMillis(500), s.timeout(DeviceAction.OFF, STONITH_TIMEOUT));
        assertEquals(Duration.ofSeconds(20), s.timeout(DeviceAction.MONITOR, STONITH_TIMEOUT));
        assertEquals(STONITH_TIMEOUT, s.timeout(DeviceAction.ON, STONITH_TIMEOUT));
    }

    @Test
    void retriesDefaultToTwo() {
        DeviceSpec s = spec("pcmk_off_retries", "0");
        assertEquals(0, s.retries(DeviceAction.OFF));
        assertEquals(2, s.retries(DeviceAction.REBOOT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec("pcmk_reboot_retries", "many"));
        assertTrue(e.getMessage().contains("'pcmk_reboot_retries' = 'many' is not an integer"), e.getMessage());
    }

    @Test
    void randomDelayStaysBetweenBaseAndMax() {
        DeviceSpec s = spec("pcmk_delay_base", "2s", "pcmk_delay_max", "10s");
        assertEquals(Duration.ofSeconds(2), s.delay("n1", () -> 0.0));
        assertEquals(Duration.ofSeconds(6), s.delay("n1", () -> 0.5));
        assertEquals(Duration.ofSeconds(10), s.delay("n1", () -> 1.0));
        assertEquals(Duration.ofSeconds(2), spec("pcmk_delay_base", "2s").delay("n1", () -> 0.9));
        assertEquals(Duration.ofMillis(2500), spec("pcmk_delay_max", "5s").delay("n1", () -> 0.5));
        assertEquals(Duration.ofSeconds(1), spec("pcmk_delay_base", "3s", "pcmk_delay_max", "1s")
                .delay("n1", () -> 0.5), "a maximum below the base caps the delay");
    }

    @Test
    void delayBaseMayBePerNode() {
        DeviceSpec s = spec("pcmk_delay_base", "node1:0s;node2:5s");
        assertEquals(Duration.ZERO, s.delay("node1", () -> 0.5));
        assertEquals(Duration.ofSeconds(5), s.delay("node2", () -> 0.5));
        assertEquals(Duration.ZERO, s.delay("node3", () -> 0.5));
    }

    @Test
    void priorityFromParamsOrMetaAndTargetRole() {
        assertEquals(7, spec("priority", "7").priority());
        DeviceSpec fromMeta = DeviceSpec.from(Fixtures.primitive("d1", "fence_x",
                Map.of("priority", "3", "target-role", "Stopped"), List.of()), Map.of());
        assertEquals(3, fromMeta.priority());
        assertFalse(fromMeta.enabled());
        assertThrows(IllegalArgumentException.class, () -> spec("pcmk_delay_max", "soon"));
    }
}
