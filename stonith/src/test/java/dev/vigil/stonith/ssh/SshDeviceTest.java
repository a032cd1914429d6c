package dev.vigil.stonith.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.stonith.Fixtures;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh driver against a fake {@code ssh}: a host "answers" while the file {@code up-HOST}
 * exists; any command other than {@code true} "reboots" it (removes the file) unless the file
 * says {@code stuck}.
 */
class SshDeviceTest {
    static final FenceTarget N2 = new FenceTarget("n2", "10.0.0.2");

    @TempDir
    Path dir;
    Path ssh;

    @BeforeEach
    void fakeSsh() {
        ssh = Fixtures.script(dir, "ssh", "dir=$(dirname \"$0\")\n"
                + "echo \"$@\" >> \"$dir/args.log\"\n"
                + "for last; do :; done\n"
                + "for a; do case \"$a\" in *@*) host=${a#*@};; esac; done\n"
                + "if [ ! -f \"$dir/up-$host\" ]; then\n"
                + "  echo \"ssh: connect to host $host port 22: No route to host\" >&2; exit 255\nfi\n"
                + "[ \"$last\" = true ] && exit 0\n"
                + "grep -q stuck \"$dir/up-$host\" || rm -f \"$dir/up-$host\"\n"
                + "exit 0\n");
    }

    private FenceDevice device(String... extra) {
        Map<String, String> p = new java.util.LinkedHashMap<>(Map.of("ssh_path", ssh.toString(),
                "identity_file", "/etc/vigil/fence_key", "poll_interval", "100ms"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return new SshDriver().create(DeviceConfig.of("ssh1", "ssh", p), DriverContext.standalone("n1"));
    }

    private void hostUp(String content) throws Exception {
        Files.writeString(dir.resolve("up-10.0.0.2"), content);
    }

    @Test
    void rebootIsConfirmedWhenTheHostStopsAnswering() throws Exception {
        hostUp("");
        device("user", "hacluster", "ssh_port", "2222").reboot(N2, Duration.ofSeconds(10));

        List<String> calls = Files.readAllLines(dir.resolve("args.log"));
        assertEquals("-i /etc/vigil/fence_key -o BatchMode=yes -o ConnectTimeout=5 -p 2222 hacluster@10.0.0.2 true",
                calls.get(0));
        assertTrue(calls.get(1).endsWith("hacluster@10.0.0.2 " + SshDevice.DEFAULT_REBOOT), calls.get(1));
        assertTrue(calls.get(2).endsWith(" true"), "confirmation probe: " + calls);
        assertTrue(Files.notExists(dir.resolve("up-10.0.0.2")));
    }

    @Test
    void hostThatDoesNotAnswerCannotBeFencedBySsh() {
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> device().off(N2, Duration.ofSeconds(10)));
        assertEquals(FenceDeviceException.Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains("10.0.0.2 does not answer ssh (exited with code 255: ssh: connect to host "
                + "10.0.0.2 port 22: No route to host)"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot confirm that n2 is down"), e.getMessage());
    }

    @Test
    void hostThatKeepsAnsweringTimesOut() throws Exception {
        hostUp("stuck");
        FenceDeviceException e = assertThrows(FenceDeviceException.class,
                () -> device("off_command", "poweroff -f").off(N2, Duration.ofMillis(800)));
        assertEquals(FenceDeviceException.Reason.TIMED_OUT, e.reason());
        assertTrue(e.getMessage().contains("10.0.0.2 still answers ssh 800ms after the off command was sent"),
                e.getMessage());
        assertTrue(Files.readString(dir.resolve("args.log")).contains("10.0.0.2 poweroff -f"));
    }

    @Test
    void statusRunsTrue() throws Exception {
        assertEquals(PowerState.OFF, device().status(N2, Duration.ofSeconds(5)));
        hostUp("");
        assertEquals(PowerState.ON, device().status(N2, Duration.ofSeconds(5)));
    }

    @Test
    void refusesBadConfiguration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SshDriver().create(DeviceConfig.of("ssh1", "ssh", Map.of()), DriverContext.standalone("n1")));
        assertEquals("fence device 'ssh1' (ssh) needs parameter 'identity_file'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> device("ssh_options", "-oProxyCommand=evil"));
        assertThrows(IllegalArgumentException.class, () -> device("user", "-l"));
        FenceDeviceException bad = assertThrows(FenceDeviceException.class,
                () -> device().off(new FenceTarget("n2", "-oProxyCommand=x"), Duration.ofSeconds(1)));
        assertTrue(bad.getMessage().contains("is not a host name"));
    }
}
