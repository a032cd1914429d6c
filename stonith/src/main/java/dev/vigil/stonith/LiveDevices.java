package dev.vigil.stonith;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.topology.DeviceSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices created so far, by id. A device is created on first use and kept while its
 * configuration stays the same; a changed or removed configuration retires it (closed when its
 * last user is done). Creation runs outside the lock, since a fence-agent driver may run the
 * agent to read its metadata. Thread-safe.
 */
final class LiveDevices {
    private static final Logger LOG = LoggerFactory.getLogger(LiveDevices.class);

    /** A device could not be created; the message names it and says why. */
    static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    private final DriverRegistry drivers;
    private final DriverContext context;
    private final Map<String, LiveDevice> devices = new HashMap<>();
    private boolean closed;

    LiveDevices(DriverRegistry drivers, DriverContext context) {
        this.drivers = drivers;
        this.context = context;
    }

    /** The device for {@code spec}, created if needed, marked in use: call {@link LiveDevice#release()}. */
    LiveDevice acquire(DeviceSpec spec) throws UnavailableException {
        synchronized (this) {
            LiveDevice d = devices.get(spec.id());
            if (d != null && d.spec().equals(spec)) {
                d.use();
                return d;
            }
        }
        LiveDevice created = create(spec);
        synchronized (this) {
            if (closed) {
                created.retire();
                throw new UnavailableException("the fencer is closed");
            }
            LiveDevice d = devices.get(spec.id());
            if (d != null && d.spec().equals(spec)) {
                created.retire(); // another operation created it meanwhile
                d.use();
                return d;
            }
            if (d != null) {
                d.retire();
            }
            devices.put(spec.id(), created);
            created.use();
            return created;
        }
    }

    private LiveDevice create(DeviceSpec spec) throws UnavailableException {
        Optional<FenceDriver> driver = drivers.find(spec.type());
        if (driver.isEmpty()) {
            throw new UnavailableException("fence device '" + spec.id() + "': " + drivers.explainMissing(spec.type()));
        }
        FenceDevice device;
        try {
            device = driver.get().create(spec.config(), context);
        } catch (IllegalArgumentException e) {
            throw new UnavailableException(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("fence driver '{}' failed to create device '{}'", spec.type(), spec.id(), e);
            throw new UnavailableException(spec.config().describe() + ": its driver failed: " + e);
        }
        if (device == null || device.supportedActions() == null
                || !device.supportedActions().contains(DeviceAction.OFF)) {
            if (device != null) {
                device.close();
            }
            throw new UnavailableException(spec.config().describe() + ": its driver made a device without the "
                    + "'off' action, which every fence device needs");
        }
        return new LiveDevice(spec, device);
    }

    /** Retires devices whose id is gone or whose configuration changed in {@code catalog}. */
    synchronized void retainOnly(DeviceCatalog catalog) {
        devices.entrySet().removeIf(e -> {
            DeviceSpec now = catalog.specs().get(e.getKey());
            if (now == null || !now.equals(e.getValue().spec())) {
                e.getValue().retire();
                return true;
            }
            return false;
        });
    }

    synchronized void closeAll() {
        closed = true;
        devices.values().forEach(LiveDevice::retire);
        devices.clear();
    }
}
