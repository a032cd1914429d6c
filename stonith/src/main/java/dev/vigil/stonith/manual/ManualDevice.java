package dev.vigil.stonith.manual;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code manual} fence device: waits for {@link ManualDriver#confirm}. Thread-safe. */
final class ManualDevice implements FenceDevice {
    private static final Logger LOG = LoggerFactory.getLogger(ManualDevice.class);

    private final DeviceConfig config;
    private final ManualDriver driver;
    private final String instructions;

    ManualDevice(DeviceConfig config, ManualDriver driver) {
        this.config = config;
        this.driver = driver;
        this.instructions = config.param("instructions", "");
    }

    @Override
    public Set<DeviceAction> supportedActions() {
        return EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT);
    }

    @Override
    public void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        await(target, "off", timeout);
    }

    @Override
    public void reboot(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        await(target, "reboot", timeout);
    }

    private void await(FenceTarget target, String action, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        String node = target.node();
        CompletableFuture<Void> confirmed = driver.register(node);
        LOG.warn("MANUAL FENCING REQUIRED ({}, action {}): make sure node {} is powered off or cut off from all "
                + "shared resources{}, then run 'vigil stonith confirm {}'. Waiting up to {}.", config.describe(),
                action, node, instructions.isEmpty() ? "" : " (" + instructions + ")", node,
                DurationText.format(timeout));
        try {
            confirmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("{}: an operator confirmed that node {} is down", config.describe(), node);
        } catch (TimeoutException e) {
            throw FenceDeviceException.timedOut("no operator confirmed within " + DurationText.format(timeout)
                    + " that node " + node + " is down (run 'vigil stonith confirm " + node + "' once it is)");
        } catch (ExecutionException e) {
            throw FenceDeviceException.failed("confirmation failed: " + e.getCause());
        } finally {
            driver.unregister(node, confirmed);
        }
    }
}
