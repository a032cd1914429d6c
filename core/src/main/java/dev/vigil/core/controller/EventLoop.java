package dev.vigil.core.controller;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the controller's state lives: tasks run one at a time, in submission order, on one
 * thread. Tests use a manual implementation that runs tasks on demand and advances a fake clock.
 */
public interface EventLoop {

    /** Runs {@code task} on the loop (from any thread). */
    void execute(Runnable task);

    /** Runs {@code task} on the loop after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** The loop's clock. */
    Instant now();

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
