package dev.vigil.cli.daemon;

import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.store.CibFileStore;
import dev.vigil.cib.store.ConfigHistory;
import dev.vigil.cib.store.LoadResult;
import dev.vigil.cib.store.LoadedCib;
import dev.vigil.cib.store.MinimalCib;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cli.config.AuthKeys;
import dev.vigil.cli.config.HaConfig;
import dev.vigil.cli.daemon.ipc.AccessPolicy;
import dev.vigil.cli.daemon.ipc.ControlServer;
import dev.vigil.cli.ra.AgentsHome;
import dev.vigil.core.controller.Controller;
import dev.vigil.core.controller.ControllerSettings;
import dev.vigil.core.controller.ThreadEventLoop;
import dev.vigil.membership.JGroupsMembership;
import dev.vigil.membership.MembershipConfig;
import dev.vigil.resourceagents.ExecutorSettings;
import dev.vigil.resourceagents.LocalAgentExecutor;
import dev.vigil.cli.ExitCodes;
import dev.vigil.core.port.AgentExecutor;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.port.Fencer;
import dev.vigil.stonith.DriverRegistry;
import dev.vigil.stonith.FenceDeviceExecutor;
import dev.vigil.stonith.LocalFencer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node daemon: the controller on its event loop, JGroups membership over the
 * configured links, the local executor, the CIB in {@code STATE_DIR/cib/} and the control socket.
 * Built and started by {@link #start}; {@link #close} first has the cluster move this node's
 * resources away (or stop them), then leaves the cluster and releases everything.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ThreadEventLoop loop;
    private final Controller controller;
    private final ControlServer server;
    private final LocalFencer fencer;

    /** Where fence-driver plugin jars are looked for: {@code VIGIL_FENCE_PLUGINS}, else this. */
    public static final Path DEFAULT_PLUGIN_DIRECTORY = Path.of("/usr/lib/vigil/fence-drivers");

    private Daemon(ThreadEventLoop loop, Controller controller, ControlServer server, LocalFencer fencer) {
        this.fencer = fencer;
        this.loop = loop;
        this.controller = controller;
        this.server = server;
    }

    public static Daemon start(HaConfig cfg, AuthKeys keys) throws IOException {
        String node = cfg.nodeName();
        cfg.warnings().forEach(w -> LOG.warn("{}", w));
        Path state = cfg.stateDirectory();
        Files.createDirectories(state);
        CibFileStore store = new CibFileStore(state.resolve("cib"));
        LoadResult loaded = store.load();
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        XmlElement root;
        if (loaded.cib().isPresent()) {
            LoadedCib c = loaded.cib().get();
            root = c.root();
            LOG.info("loaded the CIB {} from {}", c.version(), c.source());
        } else {
            root = MinimalCib.create(cfg.clusterName(), null);
            if (cfg.autoFailback() == HaConfig.AutoFailback.OFF) {
                // As Heartbeat's haresources conversion did: resources stay where they run.
                root = MinimalCib.withResourceDefaults(root, Map.of("resource-stickiness", "INFINITY"));
            }
            store.write(root);
            LOG.info("no usable CIB in {}: starting from an empty one{} (a peer's newer copy wins at join)",
                    store.directory(), cfg.autoFailback() == HaConfig.AutoFailback.OFF
                            ? " with resource-stickiness INFINITY (auto_failback off)" : "");
        }
        ConfigHistory history = new ConfigHistory(state.resolve("cib").resolve("history"), 500);
        XmlCibDocument cib = new XmlCibDocument(root, x -> {
            store.write(x);
            try {
                history.record(x);
            } catch (IOException e) {
                LOG.warn("could not record configuration {} in the history: {}", x.attr("epoch"), e.getMessage());
            }
        }, Clock.systemUTC());
        history.record(root);
        ExecutorSettings exec = ExecutorSettings.forHost(node, System.getenv(), AgentsHome.locate(),
                state.resolve("exec"));
        LocalFencer fencer = LocalFencer.builder(fenceDrivers(), node).cib(cib.model()).build();
        fencer.configurationProblems().forEach(p -> LOG.warn("Fencing configuration: {}", p));
        AgentExecutor executor = new FenceDeviceExecutor(new LocalAgentExecutor(exec), fencer, cib::model,
                Clock.systemUTC());
        MembershipConfig mc = new MembershipConfig(node, cfg.clusterName(), LinkMapping.links(cfg), cfg.keepalive(),
                cfg.deadtime(), keys.deriveClusterKey(cfg.clusterName()));
        JGroupsMembership membership = new JGroupsMembership(mc);
        ThreadEventLoop loop = new ThreadEventLoop("vigil-controller", Clock.systemUTC());
        ControllerSettings settings = ControllerSettings.of(node, UUID.randomUUID().toString())
                .withStartupWait(cfg.initdead(), cfg.nodes()).withQuorum(cfg.quorum().settings());
        Controller controller = new Controller(settings, loop, membership, executor, cib,
                new CurrentCibFencer(fencer, cib), quorumSource(cfg));
        controller.onSelfFenced(e -> {
            LOG.error("this node ({}) was fenced by {} ({} at {}), yet it still runs: the cluster now treats it as "
                    + "down and recovers its resources elsewhere; stopping Vigil here at once and killing the agents "
                    + "it runs (check that the fence device really cuts this node off)", e.target(), e.executioner(),
                    e.action(), e.finished());
            Thread t = new Thread(() -> {
                controller.stop();
                fencer.close();
                Runtime.getRuntime().halt(ExitCodes.FENCED);
            }, "vigil-fenced");
            t.start();
        });
        ControlServer server = null;
        try {
            controller.start();
            server = ControlServer.start(cfg.controlSocket(), new DaemonRequests(controller, history),
                    AccessPolicy.standard());
        } catch (IOException | RuntimeException e) {
            controller.stop();
            loop.close();
            throw e;
        }
        LOG.info("vigild running on {} (cluster {}, {} link(s), control socket {})", node, cfg.clusterName(),
                cfg.links().size(), cfg.controlSocket());
        return new Daemon(loop, controller, server, fencer);
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public void close() {
        LOG.info("vigild stopping");
        try {
            controller.shutdown().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("clean shutdown failed ({}); leaving the cluster now", e.getCause().toString());
        }
        server.close();
        controller.stop();
        fencer.close();
        loop.close();
    }

    /** The quorum server client when ha.cf names one ({@code quorum_server}), else null. */
    private static QuorumServerSource quorumSource(HaConfig cfg) throws IOException {
        if (!cfg.quorum().hasServer()) {
            return null;
        }
        try {
            QuorumServerSource source = QuorumServerSource.create(cfg);
            LOG.info("asking the {} for its vote (node id {}, cluster {})", source.name(),
                    QuorumServerSource.nodeId(cfg), cfg.clusterName());
            return source;
        } catch (dev.vigil.cli.config.ConfigException e) {
            throw new IOException(String.join("; ", e.problems()), e);
        }
    }

    /** Fence drivers: built-in, fence-agents in /usr/sbin, and plugin jars ({@link #DEFAULT_PLUGIN_DIRECTORY}). */
    static DriverRegistry fenceDrivers() {
        String dir = System.getenv("VIGIL_FENCE_PLUGINS");
        Path plugins = dir == null || dir.isBlank() ? DEFAULT_PLUGIN_DIRECTORY : Path.of(dir);
        DriverRegistry.Builder b = DriverRegistry.builder();
        if (Files.isDirectory(plugins)) {
            b.pluginDirectory(plugins);
        }
        DriverRegistry registry = b.build();
        registry.problems().forEach(p -> LOG.warn("fence driver plugin: {}", p));
        return registry;
    }

    /** The daemon's fencer, told the CIB as it is on the event loop before each fencing. */
    private static final class CurrentCibFencer implements Fencer {
        private final LocalFencer fencer;
        private final XmlCibDocument cib;

        CurrentCibFencer(LocalFencer fencer, XmlCibDocument cib) {
            this.fencer = fencer;
            this.cib = cib;
        }

        @Override
        public CompletableFuture<FenceResult> fence(FenceRequest request) {
            fencer.updateCib(cib.model());
            return fencer.fence(request);
        }

        @Override
        public boolean confirm(String node) {
            return fencer.confirm(node);
        }

        @Override
        public List<FenceResult> history() {
            return fencer.history();
        }

        @Override
        public void close() {
            fencer.close();
        }
    }
}
