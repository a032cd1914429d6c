package dev.vigil.stonith.ssh;

import dev.vigil.resourceagents.process.ProcessOutcome;
import dev.vigil.resourceagents.process.ProcessRunner;
import dev.vigil.resourceagents.process.ProcessSpec;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code ssh} fence device. Off and reboot: (1) check that the host answers ({@code true});
 * a host that does not is reported as a failure, because ssh cannot tell "down" from
 * "unreachable"; (2) run the command (by default detached with a one-second delay, so the ssh
 * session ends cleanly); (3) poll with {@code true} until the host stops answering, which confirms
 * it, or fail when the timeout runs out. Only ssh's own connection failure (exit 255: refused,
 * unreachable, connect timeout) counts as "stopped answering"; a probe that hangs does not. Status:
 * {@code true} answers means on, a connection failure means off (more precisely: "not answering").
 * Thread-safe (immutable).
 */
final class SshDevice implements FenceDevice {
    static final String DEFAULT_SSH = "/usr/bin/ssh";
    static final String DEFAULT_REBOOT = "nohup sh -c 'sleep 1; reboot -f' >/dev/null 2>&1 &";
    static final String DEFAULT_OFF = "nohup sh -c 'sleep 1; poweroff -f' >/dev/null 2>&1 &";
    private static final Logger LOG = LoggerFactory.getLogger(SshDevice.class);
    private static final int SSH_CONNECTION_FAILED = 255;
    private static final Duration PROBE_SLACK = Duration.ofSeconds(3);

    private final DeviceConfig config;
    private final ProcessRunner runner = new ProcessRunner();
    private final String ssh;
    private final String identityFile;
    private final String user;
    private final String port;
    private final Duration connectTimeout;
    private final List<String> options;
    private final String rebootCommand;
    private final String offCommand;
    private final Duration pollInterval;

    SshDevice(DeviceConfig config) {
        this.config = config;
        this.ssh = config.param("ssh_path", DEFAULT_SSH);
        this.identityFile = config.requireParam("identity_file");
        this.user = config.param("user", "root");
        int p = config.intParam("ssh_port", 0);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(config.describe() + ": ssh_port " + p + " is not a port number");
        }
        this.port = p == 0 ? null : Integer.toString(p);
        this.connectTimeout = config.durationParam("connect_timeout", Duration.ofSeconds(5));
        this.options = new ArrayList<>();
        for (String o : config.param("ssh_options", "").split("\\s+")) {
            if (!o.isEmpty()) {
                if (o.startsWith("-") || !o.contains("=")) {
                    throw new IllegalArgumentException(config.describe() + ": ssh_options entry '" + o
                            + "' is not Key=Value");
                }
                options.add(o);
            }
        }
        this.rebootCommand = config.param("reboot_command", DEFAULT_REBOOT);
        this.offCommand = config.param("off_command", DEFAULT_OFF);
        this.pollInterval = config.durationParam("poll_interval", Duration.ofSeconds(1));
        if (user.startsWith("-") || user.contains("@") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(config.describe() + ": user '" + user + "' is not a login name");
        }
        if (pollInterval.isZero()) {
            throw new IllegalArgumentException(config.describe() + ": poll_interval must be positive");
        }
    }

    @Override
    public Set<DeviceAction> supportedActions() {
        return EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT, DeviceAction.STATUS, DeviceAction.MONITOR);
    }

    @Override
    public void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        fence(target, offCommand, "off", timeout);
    }

    @Override
    public void reboot(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        fence(target, rebootCommand, "reboot", timeout);
    }

    @Override
    public PowerState status(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        ProcessOutcome out = ssh(host(target), "true", timeout);
        if (answers(out)) {
            return PowerState.ON;
        }
        if (refusesConnection(out)) {
            return PowerState.OFF;
        }
        if (out.termination() == ProcessOutcome.Termination.TIMED_OUT) {
            throw FenceDeviceException.timedOut("'true' on " + host(target) + " " + describe(out));
        }
        throw FenceDeviceException.failed("'true' on " + host(target) + " " + describe(out));
    }

    @Override
    public void monitor(Duration timeout) throws FenceDeviceException {
        if (!Files.isExecutable(Path.of(ssh))) {
            throw FenceDeviceException.failed("ssh program " + ssh + " is not executable");
        }
        if (!Files.isReadable(Path.of(identityFile))) {
            throw FenceDeviceException.failed("identity_file " + identityFile + " is not readable");
        }
    }

    private void fence(FenceTarget target, String command, String action, Duration timeout)
            throws FenceDeviceException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = host(target);
        ProcessOutcome probe = ssh(host, "true", probeTimeout(deadline));
        if (!answers(probe)) {
            throw FenceDeviceException.failed(host + " does not answer ssh (" + describe(probe) + "); ssh fencing "
                    + "works only while the target's OS runs, so it cannot confirm that " + target.node()
                    + " is down: use a power fence device");
        }
        ProcessOutcome sent = ssh(host, command, remaining(deadline));
        if (sent.termination() == ProcessOutcome.Termination.EXITED && sent.exitCode() != 0
                && sent.exitCode() != SSH_CONNECTION_FAILED) {
            throw FenceDeviceException.failed(action + " command on " + host + " " + describe(sent));
        }
        LOG.info("{}: {} command sent to {}; waiting until it stops answering ssh", config.describe(), action, host);
        while (true) {
            Duration left = remaining(deadline);
            if (left.isZero()) {
                throw FenceDeviceException.timedOut(host + " still answers ssh " + DurationText.format(timeout)
                        + " after the " + action + " command was sent");
            }
            ProcessOutcome check = ssh(host, "true", probeTimeout(deadline));
            if (refusesConnection(check)) {
                return; // only a definite connection failure confirms; a probe cut short by our deadline does not
            }
            Thread.sleep(Math.min(pollInterval.toMillis(), remaining(deadline).toMillis()));
        }
    }

    private Duration probeTimeout(long deadline) {
        Duration left = remaining(deadline);
        Duration probe = connectTimeout.plus(PROBE_SLACK);
        return left.compareTo(probe) < 0 ? left : probe;
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private static boolean answers(ProcessOutcome out) {
        return out.termination() == ProcessOutcome.Termination.EXITED && out.exitCode() == 0;
    }

    /** ssh itself failed to connect (exit 255): the host no longer answers. */
    private static boolean refusesConnection(ProcessOutcome out) {
        return out.termination() == ProcessOutcome.Termination.EXITED && out.exitCode() == SSH_CONNECTION_FAILED;
    }

    private String host(FenceTarget target) throws FenceDeviceException {
        String host = target.plug().strip();
        if (host.isEmpty() || host.startsWith("-") || host.chars().anyMatch(Character::isWhitespace)) {
            throw FenceDeviceException.failed("'" + host + "' is not a host name (set pcmk_host_map to node:host)");
        }
        return host;
    }

    private ProcessOutcome ssh(String host, String command, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        if (timeout.isZero()) {
            timeout = Duration.ofMillis(1); // out of time: the run times out at once and the caller reports it
        }
        List<String> cmd = new ArrayList<>(List.of(ssh, "-i", identityFile, "-o", "BatchMode=yes", "-o",
                "ConnectTimeout=" + Math.max(1, (connectTimeout.toMillis() + 999) / 1000)));
        if (port != null) {
            cmd.add("-p");
            cmd.add(port);
        }
        for (String o : options) {
            cmd.add("-o");
            cmd.add(o);
        }
        cmd.add(user + "@" + host);
        cmd.add(command);
        ProcessOutcome out = runner.run(new ProcessSpec(cmd, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
                Path.of("/"), new byte[0], timeout, Duration.ofSeconds(1), 16 * 1024));
        if (out.termination() == ProcessOutcome.Termination.CANCELLED || Thread.interrupted()) {
            throw new InterruptedException("ssh to " + host + " was stopped");
        }
        if (out.termination() == ProcessOutcome.Termination.NOT_STARTED) {
            throw FenceDeviceException.failed("could not run " + ssh + ": " + out.launchError());
        }
        return out;
    }

    private static String describe(ProcessOutcome out) {
        if (out.termination() == ProcessOutcome.Termination.TIMED_OUT) {
            return "did not finish within " + DurationText.format(out.duration());
        }
        String err = out.stderr().strip();
        String last = err.isEmpty() ? "" : ": " + err.lines().reduce((a, b) -> b).orElse("");
        return "exited with code " + out.exitCode() + last;
    }
}
