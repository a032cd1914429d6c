package dev.vigil.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.Main;
import dev.vigil.core.model.Cib;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: starts a two-node cluster on loopback as child processes, runs a sample
 * resource, kills the node that runs it with SIGKILL and measures until the survivor has started
 * it; then stops everything and removes its files. The last line is {@code failover_s=SECONDS}.
 * Runs on the command's thread; a shutdown hook cleans up when the command is interrupted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show a failover on this machine, without root or setup: start a two-node cluster on",
                "127.0.0.1 (two vigild processes, temporary state directories, a generated key), run a",
                "sample resource, kill the node that runs it with SIGKILL, show the survivor taking over",
                "and how long it took, then stop the cluster and remove its files.",
                "The last line is failover_s=SECONDS. Exits 1 when the cluster did not behave as expected",
                "(the daemons' logs are printed)."})
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> NODES = List.of("node1", "node2");
    private static final String RESOURCE = "dummy";
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the work directory (ha.cf files, CIBs, daemon logs) afterwards.")
    boolean keep;

    private long startNanos;
    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        startNanos = System.nanoTime();
        DemoCluster cluster = DemoCluster.create(NODES);
        Thread hook = new Thread(() -> cluster.close(keep), "vigil-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            double failover = run(cluster);
            step("stopping " + runningNode(cluster) + " (SIGTERM, a clean shutdown) and "
                    + (keep ? "keeping " : "removing ") + cluster.work());
            cluster.close(keep);
            out.printf(Locale.ROOT, "failover_s=%.3f%n", failover);
            return ExitCodes.OK;
        } catch (DemoFailure e) {
            spec.commandLine().getErr().println("vigil demo: " + e.getMessage());
            for (String n : NODES) {
                spec.commandLine().getErr().println("--- last lines of " + n + "'s log:\n" + cluster.logTail(n, 30));
            }
            return ExitCodes.INVALID_CONFIG;
        } finally {
            cluster.close(keep);
            removeHook(hook);
        }
    }

    /** The demo proper; returns the failover time in seconds. */
    private double run(DemoCluster cluster) throws Exception {
        out.println("vigil demo: a two-node cluster on 127.0.0.1, as two separate daemon processes of this user");
        step("work directory " + cluster.work() + " (ha.cf per node, a generated authkeys, state directories)");
        for (String n : NODES) {
            long pid = cluster.start(n);
            step("started " + n + " (vigild pid " + pid + ", link ring0 on 127.0.0.1:" + cluster.port(n)
                    + "; keepalive 200ms, deadtime 1s)");
        }
        JsonNode formed = await("the two nodes did not form a cluster", FORM_TIMEOUT,
                () -> cluster.status("node1").filter(s -> members(s).equals(NODES) && !s.path("dc").isNull()
                        && cluster.status("node2").map(DemoCommand::members).orElse(List.of()).equals(NODES)));
        step("cluster formed: members " + String.join(", ", NODES) + "; DC " + formed.path("dc").asText());
        DemoResource rsc = DemoResource.choose(RESOURCE);
        configure(cluster, rsc);
        String active = await("resource '" + RESOURCE + "' did not start", START_TIMEOUT,
                () -> runningOn(cluster, "node1").filter(n -> runningOn(cluster, "node2").equals(Optional.of(n))));
        String survivor = active.equals("node1") ? "node2" : "node1";
        step("'" + RESOURCE + "' started on " + active + "; the cluster as " + survivor + " sees it:");
        printStatus(cluster, survivor);
        return failover(cluster, active, survivor);
    }

    private void configure(DemoCluster cluster, DemoResource rsc) throws Exception {
        step("fencing is off in this demo (stonith-enabled=false): both nodes are processes on this machine, so");
        out.println("          there is no power to cut. A real cluster needs a fence device; see");
        out.println("          examples/two-node-failover, which fences with fence_dummy.");
        Path cib = cluster.work().resolve("demo-cib.xml");
        Files.writeString(cib, rsc.configuration());
        CliResult r = vigil("cib", "modify", cib.toString(), "--socket", cluster.socket("node1").toString());
        if (r.exit() != 0) {
            throw new DemoFailure("loading the demo configuration failed: " + r.err().strip());
        }
        step("configured resource '" + rsc.id() + "' (" + rsc.agent() + ", monitor every 10s, resource-stickiness=100)");
    }

    /** Kills {@code active}, follows the survivor's view until it runs the resource; returns seconds. */
    private double failover(DemoCluster cluster, String active, String survivor) throws Exception {
        step("killing " + active + " with SIGKILL, as a crash would; " + survivor + " should take over within "
                + "deadtime (1s)");
        long killed = System.nanoTime();
        cluster.kill(active);
        boolean lost = false;
        long deadline = killed + FAILOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> s = cluster.status(survivor);
            if (!lost && s.isPresent() && members(s.get()).equals(List.of(survivor))) {
                lost = true;
                step(String.format(Locale.ROOT, "%s lost %s after %.3fs", survivor, active, seconds(killed)));
            }
            if (s.isPresent() && placement(s.get()).equals(Optional.of(survivor))) {
                double failover = seconds(killed);
                step(String.format(Locale.ROOT, "'%s' started on %s %.3fs after the kill; the cluster now:", RESOURCE,
                        survivor, failover));
                printStatus(cluster, survivor);
                return failover;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new DemoFailure("'" + RESOURCE + "' did not start on " + survivor + " within "
                + FAILOVER_TIMEOUT.toSeconds() + "s after " + active + " was killed");
    }

    /** Where the node's daemon sees the resource started, once it answers and sees it on exactly one node. */
    private static Optional<String> runningOn(DemoCluster cluster, String node) {
        return cluster.status(node).flatMap(DemoCommand::placement);
    }

    /** The one node the status's CIB shows the resource started on, if exactly one. */
    static Optional<String> placement(JsonNode status) {
        try {
            Cib cib = CibReader.read(XmlParser.parse(status.get("cib").asText(), "status")).cib();
            List<String> started = new ArrayList<>();
            for (ClusterView.ResourceEntry e : Scheduler.schedule(cib, Instant.now()).before().resources()) {
                if (e.id().equals(RESOURCE)) {
                    e.placements().stream().filter(p -> p.role().equals("Started") && !p.failed())
                            .forEach(p -> started.add(p.node()));
                }
            }
            return started.size() == 1 ? Optional.of(started.get(0)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static List<String> members(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.path("members").forEach(m -> out.add(m.asText()));
        return out;
    }

    private void printStatus(DemoCluster cluster, String node) {
        CliResult r = vigil("status", "--socket", cluster.socket(node).toString());
        out.println("    ---- vigil status (on " + node + ") ----");
        (r.exit() == 0 ? r.out() : r.err()).lines().forEach(l -> out.println("    " + l));
        out.println("    ----");
    }

    /** Polls {@code probe} every 10 ms until it yields a value; fails the demo after {@code timeout}. */
    private static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new DemoFailure(what + " within " + timeout.toSeconds() + "s");
    }

    private void step(String text) {
        out.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds(startNanos), text);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static String runningNode(DemoCluster cluster) {
        return NODES.stream().filter(cluster::isRunning).findFirst().orElse("the cluster");
    }

    private static CliResult vigil(String... args) {
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        int rc = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new CliResult(rc, o.toString(), e.toString());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (close is idempotent)
        }
    }

    private record CliResult(int exit, String out, String err) {
    }

    /** The cluster did not do what the demo expected; the message says what. */
    private static final class DemoFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message);
        }
    }
}
