package dev.vigil.resourceagents;

import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring operations (monitors): each runs at once, then {@code interval} after the previous
 * run completed, and reports only when its outcome changes ("no news is good news"). A
 * cancelled operation never reports again, even if a run was in flight. Thread-safe.
 */
final class RecurringOperations {
    private static final Logger LOG = LoggerFactory.getLogger(RecurringOperations.class);

    private final Function<OperationRequest, CompletableFuture<OperationResult>> runner;
    private final ScheduledExecutorService timer;
    private final Map<String, Entry> active = new ConcurrentHashMap<>();

    private static final class Entry {
        final OperationRequest request;
        final Consumer<OperationResult> onChange;
        volatile boolean cancelled;
        volatile ScheduledFuture<?> next;
        OperationResult last;

        Entry(OperationRequest request, Consumer<OperationResult> onChange) {
            this.request = request;
            this.onChange = onChange;
        }
    }

    RecurringOperations(Function<OperationRequest, CompletableFuture<OperationResult>> runner,
            ScheduledExecutorService timer) {
        this.runner = runner;
        this.timer = timer;
    }

    void start(OperationRequest request, Consumer<OperationResult> onChange) {
        Entry entry = new Entry(request, onChange);
        Entry old = active.put(request.key(), entry);
        if (old != null) {
            stop(old);
        }
        runOnce(entry);
    }

    boolean cancel(String resourceId, String key) {
        Entry e = active.get(key);
        if (e == null || !e.request.resourceId().equals(resourceId)) {
            return false;
        }
        if (active.remove(key, e)) {
            stop(e);
            return true;
        }
        return false;
    }

    int cancelAll(String resourceId) {
        int n = 0;
        for (Map.Entry<String, Entry> me : List.copyOf(active.entrySet())) {
            if (me.getValue().request.resourceId().equals(resourceId) && active.remove(me.getKey(), me.getValue())) {
                stop(me.getValue());
                n++;
            }
        }
        return n;
    }

    void cancelEverything() {
        for (String key : List.copyOf(active.keySet())) {
            Entry e = active.remove(key);
            if (e != null) {
                stop(e);
            }
        }
    }

    List<String> keys() {
        return active.keySet().stream().sorted().toList();
    }

    private static void stop(Entry e) {
        e.cancelled = true;
        ScheduledFuture<?> f = e.next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void runOnce(Entry entry) {
        if (entry.cancelled) {
            return;
        }
        runner.apply(entry.request).thenAccept(result -> {
            if (entry.cancelled) {
                return;
            }
            synchronized (entry) {
                if (!result.sameOutcomeAs(entry.last)) {
                    entry.last = result;
                    report(entry, result);
                }
            }
            scheduleNext(entry);
        });
    }

    private void scheduleNext(Entry entry) {
        if (entry.cancelled) {
            return;
        }
        try {
            entry.next = timer.schedule(() -> runOnce(entry), entry.request.interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            entry.cancelled = true;
        }
    }

    private static void report(Entry entry, OperationResult result) {
        try {
            entry.onChange.accept(result);
        } catch (RuntimeException e) {
            LOG.error("listener of {} failed: {}", entry.request.key(), e.toString(), e);
        }
    }
}
