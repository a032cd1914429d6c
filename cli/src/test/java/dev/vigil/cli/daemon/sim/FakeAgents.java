package dev.vigil.cli.daemon.sim;

import dev.vigil.core.port.AgentExecutor;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A scriptable executor for one simulated node: resources are running or not; starts can be
 * made to fail; a running resource can be made to "die" so its recurring monitor reports it.
 * Recurring monitors are re-checked when the test calls {@link #tickMonitors}.
 */
final class FakeAgents implements AgentExecutor {
    private final ManualScheduler scheduler;
    final Map<String, OcfStatus> state = new HashMap<>();
    final Set<String> failStart = new HashSet<>();
    final List<String> log = new ArrayList<>();
    private final Map<String, Recurring> recurring = new HashMap<>();

    private static final class Recurring {
        final OperationRequest request;
        final Consumer<OperationResult> sink;
        OcfStatus last;

        Recurring(OperationRequest request, Consumer<OperationResult> sink) {
            this.request = request;
            this.sink = sink;
        }
    }

    FakeAgents(ManualScheduler scheduler) {
        this.scheduler = scheduler;
    }

    private static String base(String rsc) {
        int c = rsc.lastIndexOf(':');
        return c > 0 ? rsc.substring(0, c) : rsc;
    }

    @Override
    public CompletableFuture<OperationResult> execute(OperationRequest q) {
        String rsc = base(q.resourceId());
        log.add(q.action() + " " + q.resourceId());
        OcfStatus current = state.getOrDefault(rsc, OcfStatus.NOT_RUNNING);
        OcfStatus rc;
        switch (q.action()) {
            case "start" -> {
                if (failStart.contains(rsc)) {
                    rc = OcfStatus.ERR_GENERIC;
                } else {
                    state.put(rsc, OcfStatus.SUCCESS);
                    rc = OcfStatus.SUCCESS;
                }
            }
            case "stop" -> {
                state.remove(rsc);
                recurring.keySet().removeIf(k -> k.startsWith(q.resourceId() + "_"));
                rc = OcfStatus.SUCCESS;
            }
            case "promote" -> {
                state.put(rsc, OcfStatus.RUNNING_PROMOTED);
                rc = OcfStatus.SUCCESS;
            }
            case "demote" -> {
                state.put(rsc, OcfStatus.SUCCESS);
                rc = OcfStatus.SUCCESS;
            }
            case "monitor" -> rc = current;
            default -> rc = OcfStatus.SUCCESS;
        }
        return CompletableFuture.completedFuture(result(q, rc));
    }

    private OperationResult result(OperationRequest q, OcfStatus rc) {
        return new OperationResult(q, ExecStatus.DONE, rc, rc.code(), rc == OcfStatus.ERR_GENERIC ? "scripted failure"
                : "", "", "", false, scheduler.now(), Duration.ofMillis(5), List.of());
    }

    @Override
    public void startRecurring(OperationRequest q, Consumer<OperationResult> onChange) {
        Recurring r = new Recurring(q, onChange);
        recurring.put(q.key(), r);
        check(r);
    }

    /** Re-runs every recurring monitor; reports the ones whose result changed. */
    void tickMonitors() {
        for (Recurring r : new ArrayList<>(recurring.values())) {
            check(r);
        }
    }

    private void check(Recurring r) {
        OcfStatus rc = state.getOrDefault(base(r.request.resourceId()), OcfStatus.NOT_RUNNING);
        if (rc != r.last) {
            r.last = rc;
            r.sink.accept(result(r.request, rc));
        }
    }

    @Override
    public boolean cancelRecurring(String resourceId, String operationKey) {
        return recurring.remove(operationKey) != null;
    }

    @Override
    public int cancelAllRecurring(String resourceId) {
        int before = recurring.size();
        recurring.keySet().removeIf(k -> k.startsWith(resourceId + "_"));
        return before - recurring.size();
    }

    boolean hasMonitor(String key) {
        return recurring.containsKey(key);
    }

    @Override
    public void close() {
        recurring.clear();
    }
}
