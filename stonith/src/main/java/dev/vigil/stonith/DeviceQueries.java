package dev.vigil.stonith;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.topology.DeviceSpec;
import dev.vigil.stonith.topology.Topology;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fencer's read-only questions about devices ({@link LocalFencer#devicesFor},
 * {@link LocalFencer#monitor}); blocking, run on the fencer's pool. Thread-safe.
 */
final class DeviceQueries {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceQueries.class);

    /** A blocking query, interrupted when the fencer closes. */
    interface Query<T> {
        T run() throws InterruptedException;
    }

    private final LiveDevices devices;
    private final DeviceCaller caller;
    private final HostChecker checker;
    private final Clock clock;

    DeviceQueries(LiveDevices devices, DeviceCaller caller, HostChecker checker, Clock clock) {
        this.devices = devices;
        this.caller = caller;
        this.checker = checker;
        this.clock = clock;
    }

    List<String> devicesFor(DeviceCatalog catalog, String node) throws InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        var levels = Topology.levelsFor(catalog.levels(), node);
        if (!levels.isEmpty()) {
            levels.forEach(l -> out.addAll(l.devices()));
            return List.copyOf(out);
        }
        for (DeviceSpec spec : catalog.byPriority()) {
            if (catalog.unusableReason(spec.id()) != null) {
                continue;
            }
            LiveDevice d;
            try {
                d = devices.acquire(spec);
            } catch (LiveDevices.UnavailableException e) {
                continue;
            }
            try {
                if (checker.check(d, node, t -> t == null ? catalog.stonithTimeout() : t).capable()) {
                    out.add(spec.id());
                }
            } finally {
                d.release();
            }
        }
        return List.copyOf(out);
    }

    MonitorResult monitor(DeviceCatalog catalog, String deviceId, Instant started) throws InterruptedException {
        String reason = catalog.unusableReason(deviceId);
        if (reason != null) {
            return new MonitorResult(deviceId, false, reason, started, clock.instant());
        }
        DeviceSpec spec = catalog.specs().get(deviceId);
        LiveDevice d;
        try {
            d = devices.acquire(spec);
        } catch (LiveDevices.UnavailableException e) {
            return new MonitorResult(deviceId, false, e.getMessage(), started, clock.instant());
        }
        try {
            CallResult<?> r;
            String how;
            if (d.supports(DeviceAction.MONITOR)) {
                how = "monitor";
                r = caller.call(d, how, spec.timeout(DeviceAction.MONITOR, catalog.stonithTimeout()), (dev, t) -> {
                    dev.monitor(t);
                    return null;
                });
            } else if (d.supports(DeviceAction.LIST)) {
                how = "list";
                r = caller.call(d, how, spec.timeout(DeviceAction.LIST, catalog.stonithTimeout()),
                        (dev, t) -> dev.list(t));
            } else {
                return new MonitorResult(deviceId, true, "the device has neither monitor nor list: nothing to check",
                        started, clock.instant());
            }
            if (!r.isSuccess()) {
                LOG.warn("Fence device '{}' {} failed: {}", deviceId, how, r.error());
            }
            return new MonitorResult(deviceId, r.isSuccess(), r.isSuccess() ? how + " succeeded" : r.error(), started,
                    clock.instant());
        } finally {
            d.release();
        }
    }
}
