package dev.vigil.stonith;

import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceAttempt;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the devices of one level (or one device without a topology) for an operation: every
 * device must succeed, in order; each action is retried {@code pcmk_<action>_retries} times, and
 * each attempt gets the device's action timeout ({@code pcmk_<action>_timeout}, an op timeout, or
 * {@code stonith-timeout}) capped by what is left of the request's timeout. A reboot on a level
 * of several devices, or on a device without {@code reboot}, becomes off on every device, then on
 * on every device that has it: the target is fenced once the offs succeeded, and failures to
 * power it on again are logged but do not fail fencing ("Pacemaker Explained", Remapping
 * Reboots). Records every attempt and logs one line for each. Not thread-safe: confined to the
 * operation's thread.
 */
final class DeviceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRunner.class);

    private final FenceRequest request;
    private final DeviceCaller caller;
    private final Clock clock;
    private final Duration stonithTimeout;
    private final Instant deadline;
    private final List<String> failures;
    private final List<FenceAttempt> attempts = new ArrayList<>();

    DeviceRunner(FenceRequest request, DeviceCaller caller, Clock clock, Duration stonithTimeout, Instant deadline,
            List<String> failures) {
        this.request = request;
        this.caller = caller;
        this.clock = clock;
        this.stonithTimeout = stonithTimeout;
        this.deadline = deadline;
        this.failures = failures;
    }

    List<FenceAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Whether every device of the level did the requested action. */
    boolean runLevel(int level, List<LiveDevice> devices) throws InterruptedException {
        switch (request.action()) {
            case ON:
                return every(level, devices, DeviceAction.ON);
            case OFF:
                return every(level, devices, DeviceAction.OFF);
            default:
                break;
        }
        if (devices.size() == 1 && devices.get(0).supports(DeviceAction.REBOOT)) {
            return attempt(level, devices.get(0), DeviceAction.REBOOT, true);
        }
        LOG.info("Fencing {}: rebooting with off, then on ({})", request.target(),
                devices.size() == 1 ? "device '" + devices.get(0).id() + "' has no reboot action"
                        : "level " + level + " has " + devices.size() + " devices");
        if (!every(level, devices, DeviceAction.OFF)) {
            return false;
        }
        for (LiveDevice d : devices) {
            if (d.supports(DeviceAction.ON)) {
                attempt(level, d, DeviceAction.ON, false);
            } else {
                LOG.info("Fencing {}: device '{}' cannot power it on again (no on action); it stays off",
                        request.target(), d.id());
            }
        }
        return true;
    }

    /** Records a device of a level that could not be used at all (unknown, misconfigured, not capable). */
    void recordUnusable(String device, int level, String reason) {
        Instant now = clock.instant();
        attempts.add(new FenceAttempt(device, level, request.action(), 1, FenceAttempt.Outcome.FAILED, reason, now,
                now));
        failures.add(where(level) + "device '" + device + "' unusable: " + reason);
        LOG.warn("Fencing {}: device '{}'{} cannot be used: {}", request.target(), device, at(level), reason);
    }

    private boolean every(int level, List<LiveDevice> devices, DeviceAction action) throws InterruptedException {
        for (LiveDevice d : devices) {
            if (!attempt(level, d, action, true)) {
                return false;
            }
        }
        return true;
    }

    /** Tries one action on one device with its retries; {@code required} false: failures only logged. */
    private boolean attempt(int level, LiveDevice d, DeviceAction action, boolean required)
            throws InterruptedException {
        FenceAction recorded = FenceAction.parse(action.value());
        FenceTarget target = new FenceTarget(request.target(), d.spec().plugFor(request.target()));
        if (!d.supports(action)) {
            Instant now = clock.instant();
            CallResult<Void> r = new CallResult<>(CallResult.Status.UNSUPPORTED, null, "the device has no " + action
                    + " action", now, now);
            record(level, d, recorded, 1, 1, r, required);
            giveUp(level, d, action, r, required);
            return false;
        }
        int max = 1 + d.spec().retries(action);
        CallResult<Void> last = null;
        for (int n = 1; n <= max; n++) {
            Duration timeout = d.spec().timeout(action, stonithTimeout);
            if (deadline != null) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    Instant now = clock.instant();
                    CallResult<Void> skipped = new CallResult<>(CallResult.Status.TIMED_OUT, null,
                            "not tried: the request's timeout ran out", now, now);
                    record(level, d, recorded, n, max, skipped, required);
                    last = last == null ? skipped : last;
                    break;
                }
                timeout = left.compareTo(timeout) < 0 ? left : timeout;
            }
            last = caller.call(d, action + " " + request.target(), timeout, (dev, t) -> {
                invoke(dev, action, target, t);
                return null;
            });
            record(level, d, recorded, n, max, last, required);
            if (last.isSuccess()) {
                return true;
            }
            if (last.status() == CallResult.Status.UNSUPPORTED) {
                break;
            }
        }
        giveUp(level, d, action, last, required);
        return false;
    }

    private void giveUp(int level, LiveDevice d, DeviceAction action, CallResult<?> last, boolean required) {
        if (required) {
            String result = last.status() == CallResult.Status.TIMED_OUT ? "timed out" : "failed";
            failures.add(where(level) + "device '" + d.id() + "' " + action + " " + result + ": " + last.error());
        }
    }

    private static void invoke(dev.vigil.stonith.spi.FenceDevice dev, DeviceAction action, FenceTarget target,
            Duration t) throws dev.vigil.stonith.spi.FenceDeviceException, InterruptedException {
        switch (action) {
            case ON:
                dev.on(target, t);
                break;
            case REBOOT:
                dev.reboot(target, t);
                break;
            default:
                dev.off(target, t);
                break;
        }
    }

    private void record(int level, LiveDevice d, FenceAction action, int n, int max, CallResult<?> r,
            boolean required) {
        FenceAttempt.Outcome outcome = r.isSuccess() ? FenceAttempt.Outcome.SUCCESS
                : r.status() == CallResult.Status.TIMED_OUT ? FenceAttempt.Outcome.TIMED_OUT
                : FenceAttempt.Outcome.FAILED;
        attempts.add(new FenceAttempt(d.id(), level, action, n, outcome, r.error(), r.started(), r.finished()));
        String took = DurationText.format(Duration.between(r.started(), r.finished()));
        if (r.isSuccess()) {
            LOG.info("Fencing {}: device '{}' {} succeeded{} (attempt {}/{}, {})", request.target(), d.id(), action,
                    at(level), n, max, took);
            return;
        }
        String result = outcome == FenceAttempt.Outcome.TIMED_OUT ? "TIMED OUT" : "FAILED";
        LOG.warn("Fencing {}: device '{}' {} {}{} (attempt {}/{}, {}){}: {}", request.target(), d.id(), action,
                result, at(level), n, max, took, required ? "" : " [ignored: the target is already off]",
                r.error());
    }

    private static String at(int level) {
        return level > 0 ? " at level " + level : "";
    }

    private static String where(int level) {
        return level > 0 ? "level " + level + ": " : "";
    }
}
