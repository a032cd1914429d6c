package dev.vigil.stonith;

import dev.vigil.core.model.FencingLevel;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.topology.DeviceSpec;
import dev.vigil.stonith.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fencing operation, run start to end on one of the fencer's threads (it blocks while devices
 * work). Order: pick the levels of the target's {@code fencing-topology} (or, without one, every
 * usable device that can fence the target, by priority), wait the first device's delay, then try
 * them in turn until one succeeds. Not thread-safe: confined to its thread.
 */
final class FenceOperation {
    private static final Logger LOG = LoggerFactory.getLogger(FenceOperation.class);

    private final FenceRequest request;
    private final String target;
    private final DeviceCatalog catalog;
    private final LiveDevices devices;
    private final HostChecker checker;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Instant started;
    private final Instant deadline;
    private final DeviceRunner runner;
    private final List<String> failures = new ArrayList<>();
    private final List<LiveDevice> acquired = new ArrayList<>();

    FenceOperation(FenceRequest request, DeviceCatalog catalog, LiveDevices devices, DeviceCaller caller,
            HostChecker checker, Clock clock, DoubleSupplier random, Instant started) {
        this.request = request;
        this.target = request.target();
        this.catalog = catalog;
        this.devices = devices;
        this.checker = checker;
        this.clock = clock;
        this.random = random;
        this.started = started;
        this.deadline = request.timeout() == null ? null : started.plus(request.timeout());
        this.runner = new DeviceRunner(request, caller, clock, catalog.stonithTimeout(), deadline, failures);
    }

    /** Runs the operation; never throws. An interruption (the fencer closing) ends it as cancelled. */
    FenceResult run() {
        try {
            List<FencingLevel> levels = Topology.levelsFor(catalog.levels(), target);
            return levels.isEmpty() ? runDevices() : runTopology(levels);
        } catch (InterruptedException e) {
            return finish(FenceResult.Status.CANCELLED, 0, List.of(), "cancelled: the fencer was closed");
        } finally {
            acquired.forEach(LiveDevice::release);
        }
    }

    private FenceResult runTopology(List<FencingLevel> levels) throws InterruptedException {
        delayBefore(firstSpec(levels));
        for (FencingLevel level : levels) {
            if (isPastDeadline()) {
                return timedOut();
            }
            List<LiveDevice> resolved = resolveLevel(level);
            if (resolved != null && runner.runLevel(level.index(), resolved)) {
                return finish(FenceResult.Status.SUCCESS, level.index(), level.devices(), "");
            }
        }
        return isPastDeadline() ? timedOut() : finish(FenceResult.Status.FAILED, 0, List.of(),
                "every fencing level failed: " + String.join("; ", failures));
    }

    private FenceResult runDevices() throws InterruptedException {
        List<String> skipped = new ArrayList<>();
        List<LiveDevice> capable = new ArrayList<>();
        catalog.broken().values().forEach(skipped::add);
        for (String id : catalog.disabled()) {
            skipped.add(catalog.unusableReason(id));
        }
        for (DeviceSpec spec : catalog.byPriority()) {
            String reason = catalog.unusableReason(spec.id());
            LiveDevice d = reason == null ? acquire(spec, skipped) : null;
            if (reason != null) {
                skipped.add(reason);
            } else if (d != null) {
                HostChecker.Eligibility e = checker.check(d, target, this::queryTimeout);
                if (e.capable()) {
                    capable.add(d);
                } else {
                    skipped.add(e.reason());
                }
            }
        }
        if (capable.isEmpty()) {
            String why = skipped.isEmpty() ? "no fence devices are configured" : String.join("; ", skipped);
            return finish(FenceResult.Status.NO_DEVICE, 0, List.of(), "no fence device can fence node " + target
                    + ": " + why);
        }
        delayBefore(capable.get(0).spec());
        for (LiveDevice d : capable) {
            if (isPastDeadline()) {
                return timedOut();
            }
            if (runner.runLevel(0, List.of(d))) {
                return finish(FenceResult.Status.SUCCESS, 0, List.of(d.id()), "");
            }
        }
        return isPastDeadline() ? timedOut() : finish(FenceResult.Status.FAILED, 0, List.of(),
                "every capable fence device failed: " + String.join("; ", failures));
    }

    /** The level's devices, ready; null (and the problem recorded) when one cannot fence the target. */
    private List<LiveDevice> resolveLevel(FencingLevel level) throws InterruptedException {
        List<LiveDevice> out = new ArrayList<>();
        for (String id : level.devices()) {
            String reason = catalog.unusableReason(id);
            LiveDevice d = null;
            if (reason == null) {
                List<String> why = new ArrayList<>();
                d = acquire(catalog.specs().get(id), why);
                reason = d == null ? why.get(0) : null;
            }
            if (d != null) {
                HostChecker.Eligibility e = checker.check(d, target, this::queryTimeout);
                reason = e.capable() ? null : e.reason();
            }
            if (reason != null) {
                runner.recordUnusable(id, level.index(), reason);
                return null;
            }
            out.add(d);
        }
        return out;
    }

    private LiveDevice acquire(DeviceSpec spec, List<String> problems) {
        try {
            LiveDevice d = devices.acquire(spec);
            acquired.add(d);
            return d;
        } catch (LiveDevices.UnavailableException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private DeviceSpec firstSpec(List<FencingLevel> levels) {
        for (FencingLevel l : levels) {
            for (String id : l.devices()) {
                if (catalog.specs().containsKey(id)) {
                    return catalog.specs().get(id);
                }
            }
        }
        return null;
    }

    /**
     * Waits the delay of the first device, once: {@code pcmk_delay_base} plus the random part up to
     * {@code pcmk_delay_max}. Later devices, levels and retries are not delayed again.
     */
    private void delayBefore(DeviceSpec first) throws InterruptedException {
        if (first == null) {
            return;
        }
        Duration delay = first.delay(target, random);
        if (delay.isZero()) {
            return;
        }
        Duration left = remaining();
        if (left != null && delay.compareTo(left) > 0) {
            delay = left;
        }
        LOG.info("Fencing {}: waiting {} first (pcmk_delay_base/pcmk_delay_max of device '{}')", target,
                DurationText.format(delay), first.id());
        Thread.sleep(delay.toMillis());
    }

    /** The timeout of a list/status query: the device's own or stonith-timeout, capped by the request. */
    private Duration queryTimeout(Duration own) {
        Duration t = own == null ? catalog.stonithTimeout() : own;
        Duration left = remaining();
        if (left != null && left.compareTo(t) < 0) {
            t = left.isZero() ? Duration.ofMillis(1) : left;
        }
        return t;
    }

    private Duration remaining() {
        if (deadline == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private boolean isPastDeadline() {
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    private FenceResult timedOut() {
        String tried = failures.isEmpty() ? "" : "; " + String.join("; ", failures);
        return finish(FenceResult.Status.TIMED_OUT, 0, List.of(), "fencing did not succeed within the request "
                + "timeout of " + DurationText.format(request.timeout()) + tried);
    }

    private FenceResult finish(FenceResult.Status status, int level, List<String> by, String error) {
        Instant end = clock.instant();
        FenceResult r = new FenceResult(request, status, level, by, error, started, end, runner.attempts());
        String took = DurationText.format(Duration.between(started, end));
        if (r.isSuccess()) {
            LOG.info("Node {} was fenced ({}) by {}{} for {} in {}", target, request.action(),
                    String.join(", ", by), level > 0 ? " at level " + level : "", request.origin(), took);
        } else {
            LOG.error("Fencing of node {} ({}) for {} {} after {}: {}", target, request.action(), request.origin(),
                    outcomeText(status), took, error);
        }
        return r;
    }

    private static String outcomeText(FenceResult.Status status) {
        switch (status) {
            case CANCELLED:
                return "was cancelled";
            case TIMED_OUT:
                return "TIMED OUT";
            case NO_DEVICE:
                return "FAILED (no capable device)";
            default:
                return "FAILED";
        }
    }
}
