package dev.vigil.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A power switch per node for fencing tests: a file that {@code fence_dummy} (type file) writes
 * {@code on} or {@code off} into. The switch watches the files and, when one says {@code off},
 * kills that node's daemon with {@code kill -9}, as cutting its power would.
 */
final class PowerSwitch implements AutoCloseable {
    private final DaemonHarness harness;
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cut = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "power-switch");
        t.setDaemon(true);
        return t;
    });

    PowerSwitch(DaemonHarness harness, List<String> nodes) throws IOException {
        this.harness = harness;
        for (String n : nodes) {
            Path f = harness.dir().resolve(n + ".power");
            Files.writeString(f, "on");
            files.put(n, f);
        }
        watcher.scheduleWithFixedDelay(this::watch, 20, 20, TimeUnit.MILLISECONDS);
    }

    Path file(String node) {
        return files.get(node);
    }

    String state(String node) throws IOException {
        return Files.readString(files.get(node)).strip();
    }

    /** Switches the node's power back on (start its daemon again yourself). */
    void on(String node) throws IOException {
        Files.writeString(files.get(node), "on");
        cut.remove(node);
    }

    /** Whether the switch cut {@code node}'s power. */
    boolean wasCut(String node) {
        return cut.containsKey(node);
    }

    private void watch() {
        for (Map.Entry<String, Path> e : files.entrySet()) {
            try {
                if (!cut.containsKey(e.getKey()) && Files.readString(e.getValue()).strip().equals("off")) {
                    cut.put(e.getKey(), true);
                    harness.kill(e.getKey());
                }
            } catch (Exception ex) {
                // a half-written file: read it again next time
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
