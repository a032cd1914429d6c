package dev.vigil.core.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production event loop: one named thread. A task that throws is logged and the loop goes on. */
public final class ThreadEventLoop implements EventLoop, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadEventLoop.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;

    public ThreadEventLoop(String name, Clock clock) {
        this.clock = clock;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(false);
            return t;
        });
        // close() drops pending timers (recheck, failure-timeout...) instead of waiting for them:
        // by default a shut-down scheduled executor still runs its delayed tasks, which kept a
        // stopping daemon alive for the whole 10 s of close().
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = Executors.unconfigurableScheduledExecutorService(e);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event loop closed; task dropped");
        }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> f = executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return () -> { };
        }
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("event handler failed: {}", e.toString(), e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
