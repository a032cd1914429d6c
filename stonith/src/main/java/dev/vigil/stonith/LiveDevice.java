package dev.vigil.stonith;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.topology.DeviceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A created device with the configuration it was made from, a count of the operations using it
 * (so a device replaced by a CIB change is closed only once they are done), and the cached
 * answer of its {@code list} action. Thread-safe.
 */
final class LiveDevice {
    private static final Logger LOG = LoggerFactory.getLogger(LiveDevice.class);

    /** A remembered {@code list} answer: the plugs, or the error text when it failed. */
    record ListAnswer(List<Plug> plugs, String error, Instant at) {
    }

    private final DeviceSpec spec;
    private final FenceDevice device;
    private final Set<DeviceAction> actions;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean retired;
    private volatile ListAnswer listAnswer;

    LiveDevice(DeviceSpec spec, FenceDevice device) {
        this.spec = spec;
        this.device = device;
        this.actions = Set.copyOf(device.supportedActions());
    }

    DeviceSpec spec() {
        return spec;
    }

    String id() {
        return spec.id();
    }

    FenceDevice device() {
        return device;
    }

    boolean supports(DeviceAction action) {
        return actions.contains(action);
    }

    ListAnswer listAnswer() {
        return listAnswer;
    }

    void rememberList(ListAnswer answer) {
        this.listAnswer = answer;
    }

    void use() {
        users.incrementAndGet();
    }

    /** One user is done; closes the device if it was retired and this was the last user. */
    void release() {
        if (users.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    /** No new users; closes now if nobody uses it. */
    void retire() {
        retired = true;
        if (users.get() == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (closed.compareAndSet(0, 1)) {
            try {
                device.close();
            } catch (RuntimeException e) {
                LOG.warn("closing fence device '{}' failed: {}", spec.id(), e.toString());
            }
        }
    }
}
