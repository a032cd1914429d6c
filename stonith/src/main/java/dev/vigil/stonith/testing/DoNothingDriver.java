package dev.vigil.stonith.testing;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.PowerState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver that fences nothing and reports success, for test clusters that must satisfy
 * "fencing enabled" without hardware. Its name says what it is so nobody mistakes it for
 * protection, and every use logs a warning. Thread-safe.
 */
public final class DoNothingDriver implements FenceDriver {
    public static final String NAME = "fence_vigil_testing_only_does_nothing";
    private static final Logger LOG = LoggerFactory.getLogger(DoNothingDriver.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverMetadata metadata() {
        return new DriverMetadata(NAME, "TESTING ONLY: fences nothing and always reports success",
                "Every action succeeds without doing anything. A cluster that uses it has NO fencing: a lost node "
                        + "may still be running its resources when they are started elsewhere. Use it only for "
                        + "tests and demos.",
                List.of(), EnumSet.of(DeviceAction.OFF, DeviceAction.ON, DeviceAction.REBOOT, DeviceAction.STATUS,
                        DeviceAction.MONITOR));
    }

    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        LOG.warn("{} is configured: it FENCES NOTHING and exists only for tests; this cluster is not protected by "
                + "fencing", config.describe());
        return new Device(config);
    }

    private static final class Device implements FenceDevice {
        private final DeviceConfig config;

        Device(DeviceConfig config) {
            this.config = config;
        }

        @Override
        public Set<DeviceAction> supportedActions() {
            return EnumSet.of(DeviceAction.OFF, DeviceAction.ON, DeviceAction.REBOOT, DeviceAction.STATUS,
                    DeviceAction.MONITOR);
        }

        @Override
        public void off(FenceTarget target, Duration timeout) {
            warn("off", target);
        }

        @Override
        public void on(FenceTarget target, Duration timeout) {
            warn("on", target);
        }

        @Override
        public void reboot(FenceTarget target, Duration timeout) {
            warn("reboot", target);
        }

        @Override
        public PowerState status(FenceTarget target, Duration timeout) {
            return PowerState.ON;
        }

        @Override
        public void monitor(Duration timeout) {
            // nothing to check, and nothing protected
        }

        private void warn(String action, FenceTarget target) {
            LOG.warn("{} did NOT {} node {}: this driver fences nothing and exists only for tests; configure a real "
                    + "fence device", config.describe(), action, target.node());
        }
    }
}
