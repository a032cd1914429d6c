package dev.vigil.cli.daemon;

import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.store.CibFileStore;
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

    private Daemon(ThreadEventLoop loop, Controller controller, ControlServer server) {
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
        XmlCibDocument cib = new XmlCibDocument(root, store::write, Clock.systemUTC());
        ExecutorSettings exec = ExecutorSettings.forHost(node, System.getenv(), AgentsHome.locate(),
                state.resolve("exec"));
        LocalAgentExecutor executor = new LocalAgentExecutor(exec);
        MembershipConfig mc = new MembershipConfig(node, cfg.clusterName(), LinkMapping.links(cfg), cfg.keepalive(),
                cfg.deadtime(), keys.deriveClusterKey(cfg.clusterName()));
        JGroupsMembership membership = new JGroupsMembership(mc);
        ThreadEventLoop loop = new ThreadEventLoop("vigil-controller", Clock.systemUTC());
        ControllerSettings settings = ControllerSettings.of(node, UUID.randomUUID().toString())
                .withStartupWait(cfg.initdead(), cfg.nodes());
        Controller controller = new Controller(settings, loop, membership, executor, cib);
        ControlServer server = null;
        try {
            controller.start();
            server = ControlServer.start(cfg.controlSocket(), new DaemonRequests(controller),
                    AccessPolicy.standard());
        } catch (IOException | RuntimeException e) {
            controller.stop();
            loop.close();
            throw e;
        }
        LOG.info("vigild running on {} (cluster {}, {} link(s), control socket {})", node, cfg.clusterName(),
                cfg.links().size(), cfg.controlSocket());
        return new Daemon(loop, controller, server);
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
        loop.close();
    }
}
