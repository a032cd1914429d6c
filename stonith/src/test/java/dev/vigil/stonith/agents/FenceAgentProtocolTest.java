package dev.vigil.stonith.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.stonith.Fixtures;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.spi.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fence-agents stdin protocol, exit codes and list output, with fake agents. */
class FenceAgentProtocolTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FenceDevice device(Path agent, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        FenceAgentDriver driver = new FenceAgentDriver(agent, Duration.ofSeconds(5));
        return driver.create(DeviceConfig.of("dev1", agent.getFileName().toString(), p),
                DriverContext.standalone("n1"));
    }

    @Test
    void sendsActionPlugAndDeviceParametersButNotPacemakerOnes() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "on,off,reboot,status", "exit 0");
        FenceDevice d = device(agent, "ip", "10.0.0.9", "password", "secret", "pcmk_host_list", "n2",
                "priority", "5", "action", "reboot");
        d.off(new FenceTarget("n2", "port7"), TIMEOUT);
        assertEquals(List.of("fence_fake action=off plug=port7 ip=10.0.0.9 password=secret"), Fixtures.calls(dir));
    }

    @Test
    void honoursHostArgumentAndActionRenames() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "on,off,reboot", "exit 0");
        FenceDevice d = device(agent, "pcmk_host_argument", "port", "pcmk_off_action", "shutdown");
        d.off(FenceTarget.of("n2"), TIMEOUT);
        FenceDevice none = device(agent, "pcmk_host_argument", "none");
        none.reboot(FenceTarget.of("n3"), TIMEOUT);
        FenceDevice fixed = device(agent, "plug", "static-plug");
        fixed.reboot(FenceTarget.of("n4"), TIMEOUT);
        assertEquals(List.of("fence_fake action=shutdown port=n2", "fence_fake action=reboot",
                "fence_fake action=reboot plug=static-plug"), Fixtures.calls(dir));
    }

    @Test
    void statusExitCodesMeanOnOffOrError() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "off,status",
                "case \"$plug\" in on) exit 0;; off) exit 2;; *) echo \"unknown plug $plug\" >&2; exit 1;; esac");
        FenceDevice d = device(agent);
        assertEquals(PowerState.ON, d.status(FenceTarget.of("on"), TIMEOUT));
        assertEquals(PowerState.OFF, d.status(FenceTarget.of("off"), TIMEOUT));
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> d.status(FenceTarget.of("bogus"), TIMEOUT));
        assertTrue(e.getMessage().contains("'status' exited with code 1: unknown plug bogus"), e.getMessage());
    }

    @Test
    void parsesListOutputWithAliases() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "off,list",
                "printf 'vm-a,node1\\nvm-b,node2,on\\n\\n# comment\\nvm-c\\n'; exit 0");
        FenceDevice d = device(agent);
        assertTrue(d.supportedActions().contains(DeviceAction.LIST));
        assertEquals(List.of(new Plug("vm-a", "node1"), new Plug("vm-b", "node2"), new Plug("vm-c", "")),
                d.list(TIMEOUT));
    }

    @Test
    void errorTextComesFromTheAgentsErrorLines() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "off",
                "echo '2026-01-01 10:00:00,123 WARNING: noise' >&2; "
                        + "echo '2026-01-01 10:00:00,124 ERROR: Unable to connect/login to fencing device' >&2; "
                        + "exit 1");
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> device(agent).off(FenceTarget.of("n2"), TIMEOUT));
        assertTrue(e.getMessage().endsWith("exited with code 1: Unable to connect/login to fencing device"),
                e.getMessage());
    }

    @Test
    void timeoutKillsTheAgentsWholeProcessGroup() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "off",
                "sleep 60 & echo $! > " + pidFile + "; wait");
        FenceDevice d = device(agent);
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> d.off(FenceTarget.of("n2"), Duration.ofMillis(500)));
        assertEquals(FenceDeviceException.Reason.TIMED_OUT, e.reason());
        assertTrue(e.getMessage().contains("its process group was killed"), e.getMessage());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void metadataWithAnExternalEntityIsRefusedNotExpanded() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<resource-agent name=\"x\" shortdesc=\"&secret;\"><actions><action name=\"off\"/></actions>"
                + "</resource-agent>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentMetadataParser.parse(xml, "fence_evil"));
        assertTrue(e.getMessage().startsWith("metadata of fence_evil"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "must not read /etc/passwd");
    }

    @Test
    void agentWithoutUsableMetadataCannotMakeDevices() {
        Path agent = Fixtures.script(dir, "fence_broken", "echo 'not xml'; exit 0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> device(agent));
        assertTrue(e.getMessage().contains("fence device 'dev1' (fence_broken) cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("metadata of " + agent), e.getMessage());
    }

    @Test
    void refusesParametersThatWouldInjectLines() throws Exception {
        Path agent = Fixtures.fakeAgent(dir, "fence_fake", "off", "exit 0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device(agent, "ip", "10.0.0.1\naction=on"));
        assertTrue(e.getMessage().contains("fence device 'dev1'") && e.getMessage().contains("'ip'"),
                e.getMessage());
    }
}
