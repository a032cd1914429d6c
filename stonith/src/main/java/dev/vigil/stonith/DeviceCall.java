package dev.vigil.stonith;

import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import java.time.Duration;

/** One blocking call of a device method, run by {@link DeviceCaller}. */
@FunctionalInterface
interface DeviceCall<T> {
    T run(FenceDevice device, Duration timeout) throws FenceDeviceException, InterruptedException;
}
