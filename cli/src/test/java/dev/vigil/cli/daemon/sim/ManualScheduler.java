package dev.vigil.cli.daemon.sim;

import dev.vigil.core.controller.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A virtual clock and task queue shared by every simulated node: tasks run only when the test
 * asks ({@link #runUntilIdle}, {@link #advance}), in time order then submission order.
 */
final class ManualScheduler {
    private record Task(Instant due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private long seq;

    EventLoop loop() {
        return new EventLoop() {
            @Override
            public void execute(Runnable task) {
                add(task, Duration.ZERO);
            }

            @Override
            public Cancellable schedule(Runnable task, Duration delay) {
                boolean[] cancelled = add(task, delay);
                return () -> cancelled[0] = true;
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }

    synchronized boolean[] add(Runnable task, Duration delay) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Task(now.plus(delay), seq++, task, cancelled));
        return cancelled;
    }

    /** Runs every task due now (including ones they submit), up to a bound that catches livelocks. */
    void runUntilIdle() {
        for (int i = 0; i < 1_000_000; i++) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due.isAfter(now)) {
                    return;
                }
                queue.poll();
            }
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
        throw new IllegalStateException("the simulated cluster does not settle");
    }

    /** Moves the clock forward in small steps, running what falls due. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        runUntilIdle();
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
            }
            if (next == null || next.due.isAfter(end)) {
                break;
            }
            now = next.due;
            runUntilIdle();
        }
        now = end;
        runUntilIdle();
    }

    Instant now() {
        return now;
    }
}
