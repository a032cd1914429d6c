package dev.vigil.stonith.spi;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One configured fence device, made by {@link FenceDriver#create}. See the package description
 * for the whole contract. In short:
 *
 * <ul>
 *   <li>Methods block until the action is done and are called on the fencer's worker threads,
 *       possibly several at once (for different targets): make them thread-safe.</li>
 *   <li>Return normally on success; throw {@link FenceDeviceException} with a clear message
 *       otherwise.</li>
 *   <li>Finish within {@code timeout}. A call that overruns it by more than the fencer's grace
 *       period is interrupted and reported as timed out: stop promptly when interrupted (throw
 *       {@link InterruptedException}) and leave nothing running behind you.</li>
 *   <li>Advertise exactly what you implement in {@link #supportedActions()}; the defaults of the
 *       optional methods report the action as unsupported.</li>
 * </ul>
 */
public interface FenceDevice extends AutoCloseable {

    /** The actions this device implements; must contain {@link DeviceAction#OFF}. */
    Set<DeviceAction> supportedActions();

    /** Powers the target off; returns once it is off. */
    void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException;

    /** Powers the target on. */
    default void on(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        throw FenceDeviceException.unsupported(DeviceAction.ON);
    }

    /** Reboots the target; returns once it was off (it need not be up again). */
    default void reboot(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        throw FenceDeviceException.unsupported(DeviceAction.REBOOT);
    }

    /** Whether the target is on or off; throws when the device does not know the target. */
    default PowerState status(FenceTarget target, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        throw FenceDeviceException.unsupported(DeviceAction.STATUS);
    }

    /** The targets this device controls. */
    default List<Plug> list(Duration timeout) throws FenceDeviceException, InterruptedException {
        throw FenceDeviceException.unsupported(DeviceAction.LIST);
    }

    /** Checks that the device works; returns normally when it does. */
    default void monitor(Duration timeout) throws FenceDeviceException, InterruptedException {
        throw FenceDeviceException.unsupported(DeviceAction.MONITOR);
    }

    /** Releases what the device holds (connections, files). Called once, when the device is dropped. */
    @Override
    default void close() {
    }
}
