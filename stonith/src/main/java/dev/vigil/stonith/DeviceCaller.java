package dev.vigil.stonith;

import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceDeviceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs device calls on the fencer's pool and enforces their timeouts: a call still running
 * {@code grace} after its timeout is interrupted and reported as timed out, so a driver that
 * ignores its timeout cannot stall fencing. Driver exceptions become results; nothing escapes
 * except the caller's own interruption. Thread-safe.
 */
final class DeviceCaller {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceCaller.class);

    private final ExecutorService pool;
    private final Duration grace;
    private final Clock clock;

    DeviceCaller(ExecutorService pool, Duration grace, Clock clock) {
        this.pool = pool;
        this.grace = grace;
        this.clock = clock;
    }

    /**
     * Calls {@code call} on {@code device} with {@code timeout}; {@code what} describes the call
     * for messages ("off node2").
     *
     * @throws InterruptedException when the calling thread is interrupted (the call is interrupted too)
     */
    <T> CallResult<T> call(LiveDevice device, String what, Duration timeout, DeviceCall<T> call)
            throws InterruptedException {
        Instant started = clock.instant();
        Future<T> future;
        try {
            future = pool.submit(() -> call.run(device.device(), timeout));
        } catch (RejectedExecutionException e) {
            throw new InterruptedException("the fencer is closed");
        }
        try {
            T value = future.get(timeout.plus(grace).toMillis(), TimeUnit.MILLISECONDS);
            return new CallResult<>(CallResult.Status.SUCCESS, value, "", started, clock.instant());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new CallResult<>(CallResult.Status.TIMED_OUT, null, what + " did not finish within "
                    + DurationText.format(timeout) + " (the driver ignored its timeout and was interrupted)", started,
                    clock.instant());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failure(device, what, e.getCause(), started);
        }
    }

    private <T> CallResult<T> failure(LiveDevice device, String what, Throwable cause, Instant started) {
        Instant now = clock.instant();
        if (cause instanceof FenceDeviceException) {
            FenceDeviceException f = (FenceDeviceException) cause;
            CallResult.Status status;
            switch (f.reason()) {
                case TIMED_OUT:
                    status = CallResult.Status.TIMED_OUT;
                    break;
                case UNSUPPORTED:
                    status = CallResult.Status.UNSUPPORTED;
                    break;
                default:
                    status = CallResult.Status.FAILED;
                    break;
            }
            String msg = f.getMessage() == null || f.getMessage().isBlank() ? "failed without a message"
                    : f.getMessage();
            return new CallResult<>(status, null, msg, started, now);
        }
        if (cause instanceof InterruptedException) {
            return new CallResult<>(CallResult.Status.FAILED, null, what + " was interrupted", started, now);
        }
        LOG.warn("fence device '{}' ({}) threw while running {}", device.id(), device.spec().type(), what, cause);
        return new CallResult<>(CallResult.Status.FAILED, null, "the " + device.spec().type() + " driver failed: "
                + cause, started, now);
    }
}
