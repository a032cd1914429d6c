package dev.vigil.resourceagents;

import dev.vigil.core.port.AgentExecutor;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.metadata.AgentMetadata;
import dev.vigil.resourceagents.metadata.ParameterCheck;
import dev.vigil.resourceagents.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's executor for OCF agents and LSB init scripts. Operations of one resource run one
 * at a time in submission order; at most {@link ExecutorSettings#maxConcurrent()} run at once on
 * the node. Before running, the agent must be installed and executable, the action known, and
 * (for OCF agents) the instance attributes must satisfy the agent's meta-data. Thread-safe; owns
 * its worker and timer threads until {@link #close()}.
 */
public final class LocalAgentExecutor implements AgentExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgentExecutor.class);
    private static final Set<String> OCF_ACTIONS = Set.of("start", "stop", "monitor", "promote", "demote", "notify",
            "migrate_to", "migrate_from", "reload", "reload-agent", "validate-all", "meta-data", "status");
    private static final Set<String> LSB_ACTIONS = Set.of("start", "stop", "status", "monitor", "restart",
            "force-reload", "meta-data");
    /** Actions after which the resource's current recurring monitors no longer apply. */
    private static final Set<String> CANCELS_MONITORS = Set.of("stop", "demote", "promote", "migrate_to");

    private final ExecutorSettings settings;
    private final Clock clock;
    private final AgentCatalog catalog;
    private final OcfAgentRunner ocf;
    private final LsbScriptRunner lsb;
    private final MetadataCache metadata;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, CompletableFuture<OperationResult>> tails = new HashMap<>();
    private final RecurringOperations recurring;
    private volatile boolean closed;

    public LocalAgentExecutor(ExecutorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        ProcessRunner runner = new ProcessRunner(clock);
        this.catalog = new AgentCatalog(settings);
        this.ocf = new OcfAgentRunner(settings, runner);
        this.lsb = new LsbScriptRunner(settings, runner);
        this.metadata = new MetadataCache(ocf);
        this.workers = Executors.newFixedThreadPool(settings.maxConcurrent(), threads("vigil-exec"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("vigil-exec-timer"));
        this.recurring = new RecurringOperations(this::enqueue, timer);
    }

    public LocalAgentExecutor(ExecutorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public AgentCatalog catalog() {
        return catalog;
    }

    /**
     * The agent's meta-data.
     *
     * @throws IllegalArgumentException when it is not installed or its meta-data is unusable
     */
    public AgentMetadata metadata(ResourceAgentId agent) {
        Path path = catalog.locate(agent).orElseThrow(() -> new IllegalArgumentException(notInstalled(agent)));
        return metadata.get(agent, path);
    }

    @Override
    public CompletableFuture<OperationResult> execute(OperationRequest request) {
        if (CANCELS_MONITORS.contains(request.action())) {
            int n = recurring.cancelAll(request.resourceId());
            if (n > 0) {
                LOG.debug("cancelled {} recurring operation(s) of {} before {}", n, request.resourceId(),
                        request.action());
            }
        }
        return enqueue(request);
    }

    @Override
    public void startRecurring(OperationRequest request, Consumer<OperationResult> onChange) {
        if (!request.isRecurring()) {
            throw new IllegalArgumentException("operation " + request.key() + " has no interval");
        }
        if (closed) {
            throw new IllegalStateException("executor is closed");
        }
        recurring.start(request, onChange);
    }

    @Override
    public boolean cancelRecurring(String resourceId, String operationKey) {
        return recurring.cancel(resourceId, operationKey);
    }

    @Override
    public int cancelAllRecurring(String resourceId) {
        return recurring.cancelAll(resourceId);
    }

    /** Keys of the recurring operations currently active, sorted. */
    public List<String> activeRecurring() {
        return recurring.keys();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        recurring.cancelEverything();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(settings.killGrace().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                LOG.warn("agents still running after close; their process groups may outlive the executor");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<OperationResult> enqueue(OperationRequest request) {
        if (closed) {
            return CompletableFuture.completedFuture(OperationResult.refused(request, ExecStatus.CANCELLED,
                    OcfStatus.ERR_GENERIC, "the executor is shutting down", clock.instant()));
        }
        String rsc = request.resourceId();
        synchronized (tails) {
            CompletableFuture<OperationResult> previous = tails.get(rsc);
            CompletableFuture<Object> after = previous == null ? CompletableFuture.completedFuture(null)
                    : previous.handle((r, e) -> null);
            CompletableFuture<OperationResult> next = after
                    .thenApplyAsync(x -> runNow(request), workers)
                    .exceptionally(e -> OperationResult.refused(request, ExecStatus.CANCELLED, OcfStatus.ERR_GENERIC,
                            closed ? "the executor is shutting down" : "executor failure: " + e, clock.instant()));
            tails.put(rsc, next);
            next.whenComplete((r, e) -> {
                synchronized (tails) {
                    tails.remove(rsc, next);
                }
            });
            return next;
        }
    }

    private OperationResult runNow(OperationRequest request) {
        ResourceAgentId agent = request.agent();
        String standard = agent.standard();
        if (!standard.equals(AgentCatalog.OCF) && !standard.equals(AgentCatalog.LSB)) {
            return refuse(request, ExecStatus.INVALID, OcfStatus.ERR_UNIMPLEMENTED, "resource class '" + standard
                    + "' is not supported by the executor (supported: ocf, lsb)");
        }
        Optional<Path> located = catalog.locate(agent);
        if (located.isEmpty()) {
            return refuse(request, ExecStatus.NOT_INSTALLED, OcfStatus.ERR_INSTALLED, notInstalled(agent));
        }
        Path path = located.get();
        if (!Files.isExecutable(path)) {
            return refuse(request, ExecStatus.NOT_INSTALLED, OcfStatus.ERR_INSTALLED,
                    agent + " at " + path + " is not executable (chmod 755 it)");
        }
        Set<String> known = standard.equals(AgentCatalog.OCF) ? OCF_ACTIONS : LSB_ACTIONS;
        if (!known.contains(request.action())) {
            return refuse(request, ExecStatus.INVALID, OcfStatus.ERR_UNIMPLEMENTED, "action '" + request.action()
                    + "' is not defined for " + standard.toUpperCase(java.util.Locale.ROOT) + " agents");
        }
        Optional<String> badName = request.params().keySet().stream()
                .filter(k -> k.isEmpty() || k.contains("=") || k.indexOf('\0') >= 0).findFirst();
        if (badName.isPresent()) {
            return refuse(request, ExecStatus.INVALID, OcfStatus.ERR_CONFIGURED,
                    "invalid parameter name '" + badName.get() + "'");
        }
        if (standard.equals(AgentCatalog.LSB)) {
            if (request.action().equals("meta-data")) {
                return metadataOfLsb(request, path);
            }
            return log(lsb.run(request, path));
        }
        if (needsParameterCheck(request.action())) {
            Optional<OperationResult> refused = checkParameters(request, path);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return log(ocf.run(request, path));
    }

    private static boolean needsParameterCheck(String action) {
        return !action.equals("meta-data") && !action.equals("stop");
    }

    private Optional<OperationResult> checkParameters(OperationRequest request, Path path) {
        AgentMetadata md;
        try {
            md = metadata.get(request.agent(), path);
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot check the parameters of {} ({}): {}", request.resourceId(), request.agent(),
                    e.getMessage());
            return Optional.empty();
        }
        List<String> problems = ParameterCheck.problems(md, request.params(), request.agent().toString());
        if (!problems.isEmpty()) {
            return Optional.of(refuse(request, ExecStatus.INVALID, OcfStatus.ERR_CONFIGURED,
                    String.join("; ", problems)));
        }
        return Optional.empty();
    }

    private OperationResult metadataOfLsb(OperationRequest request, Path path) {
        AgentMetadata md = metadata.get(request.agent(), path);
        String xml = dev.vigil.resourceagents.metadata.LsbHeader.toXml(md);
        return new OperationResult(request, ExecStatus.DONE, OcfStatus.SUCCESS, 0, "", xml, "", false,
                clock.instant(), java.time.Duration.ZERO, List.of());
    }

    private OperationResult refuse(OperationRequest request, ExecStatus exec, OcfStatus status, String reason) {
        LOG.warn("{} {} on {}: refused: {}", request.resourceId(), request.action(), settings.nodeName(), reason);
        return OperationResult.refused(request, exec, status, reason, clock.instant());
    }

    private OperationResult log(OperationResult r) {
        OperationRequest q = r.request();
        String reason = r.exitReason().isEmpty() ? "" : " (" + r.exitReason() + ")";
        if (r.execStatus() == ExecStatus.DONE && !q.isRecurring()) {
            LOG.info("{} {} on {}: {} (rc={}) in {}{}", q.resourceId(), q.key().substring(q.resourceId().length() + 1),
                    settings.nodeName(), r.status().description(), r.exitCode(), Durations.human(r.duration()), reason);
        } else if (r.execStatus() != ExecStatus.DONE && r.execStatus() != ExecStatus.CANCELLED) {
            LOG.warn("{} {} on {}: {}", q.resourceId(), q.action(), settings.nodeName(), r.exitReason().isEmpty()
                    ? r.execStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : r.exitReason());
        }
        return r;
    }

    private String notInstalled(ResourceAgentId agent) {
        List<Path> dirs = agent.standard().equals(AgentCatalog.LSB) ? settings.lsbDirectories()
                : settings.ocfDirectories().stream().map(d -> d.resolve(String.valueOf(agent.provider()))).toList();
        return agent + " is not installed (looked in " + dirs.stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
