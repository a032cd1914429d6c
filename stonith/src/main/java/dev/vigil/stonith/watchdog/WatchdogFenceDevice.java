package dev.vigil.stonith.watchdog;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One watchdog fence device: waits until the target has been silent for the watchdog timeout. Thread-safe. */
final class WatchdogFenceDevice implements FenceDevice {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogFenceDevice.class);
    private static final long POLL_MS = 100;

    private final DeviceConfig config;
    private final DriverContext context;
    private final Duration watchdogTimeout;

    WatchdogFenceDevice(DeviceConfig config, DriverContext context, Duration watchdogTimeout) {
        this.config = config;
        this.context = context;
        this.watchdogTimeout = watchdogTimeout;
    }

    @Override
    public Set<DeviceAction> supportedActions() {
        return EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT);
    }

    @Override
    public void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        waitOut(target.node(), timeout);
    }

    @Override
    public void reboot(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        waitOut(target.node(), timeout);
    }

    private void waitOut(String node, Duration timeout) throws FenceDeviceException, InterruptedException {
        if (node.equals(context.localNode())) {
            throw FenceDeviceException.failed("watchdog fencing cannot confirm the local node " + node
                    + "; only a peer can wait out its watchdog");
        }
        Instant start = context.clock().instant();
        Instant deadline = start.plus(timeout);
        boolean logged = false;
        while (true) {
            Instant lastSeen = context.nodeContact().lastSeen(node).orElse(start);
            Instant due = lastSeen.plus(watchdogTimeout);
            Instant now = context.clock().instant();
            if (!now.isBefore(due)) {
                LOG.info("{}: node {} has been out of contact for {} (stonith-watchdog-timeout); its watchdog has "
                        + "reset it", config.describe(), node, DurationText.format(watchdogTimeout));
                return;
            }
            if (due.isAfter(deadline)) {
                if (lastSeen.isAfter(start)) {
                    throw FenceDeviceException.failed("node " + node + " was in contact at " + lastSeen
                            + ", after fencing started: it is alive and has not self-fenced");
                }
                throw FenceDeviceException.timedOut("waiting " + DurationText.format(watchdogTimeout)
                        + " (stonith-watchdog-timeout) for node " + node + " does not fit in the action timeout of "
                        + DurationText.format(timeout) + ": raise pcmk_off_timeout/stonith-timeout above it");
            }
            if (!logged) {
                LOG.info("{}: waiting until {} for node {}'s watchdog to reset it (stonith-watchdog-timeout {} "
                        + "after it was last seen)", config.describe(), due, node,
                        DurationText.format(watchdogTimeout));
                logged = true;
            }
            Thread.sleep(Math.max(1, Math.min(POLL_MS, Duration.between(now, due).toMillis())));
        }
    }
}
