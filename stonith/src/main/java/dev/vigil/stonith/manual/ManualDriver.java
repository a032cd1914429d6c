package dev.vigil.stonith.manual;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.ParameterInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code manual} driver (Heartbeat's "meatware"): fencing waits until an operator confirms
 * that the target is down, with {@code vigil stonith confirm NODE} (which calls
 * {@link #confirm(String)}). Each wait logs what the operator must do. The operator is the fence
 * device here: confirming a node that still runs defeats fencing. Thread-safe.
 */
public final class ManualDriver implements FenceDriver {
    public static final String NAME = "manual";

    private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverMetadata metadata() {
        return new DriverMetadata(NAME, "Waits for an operator to confirm that the node is down",
                "Fencing logs a request to the operator and waits (up to the action timeout) until someone confirms "
                        + "with 'vigil stonith confirm NODE' that the node is powered off or cut off from shared "
                        + "resources. Use it as a last fencing level, or where no fence hardware exists and a person "
                        + "is on call.",
                List.of(ParameterInfo.optional("instructions", "string", null,
                        "Extra text for the operator, e.g. which PDU outlet to switch off")),
                EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT));
    }

    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        return new ManualDevice(config, this);
    }

    /**
     * An operator confirmed that {@code node} is down: completes every manual fencing attempt
     * waiting for it.
     *
     * @return whether any attempt was waiting
     */
    public boolean confirm(String node) {
        List<CompletableFuture<Void>> list = waiting.remove(node);
        if (list == null) {
            return false;
        }
        boolean any = false;
        synchronized (list) {
            for (CompletableFuture<Void> f : list) {
                any |= f.complete(null);
            }
        }
        return any;
    }

    /** Whether a manual fencing attempt is waiting for a confirmation of {@code node}. */
    public boolean isWaitingFor(String node) {
        List<CompletableFuture<Void>> list = waiting.get(node);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            return list.stream().anyMatch(f -> !f.isDone());
        }
    }

    CompletableFuture<Void> register(String node) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.compute(node, (n, list) -> {
            List<CompletableFuture<Void>> l = list == null ? new ArrayList<>() : list;
            synchronized (l) {
                l.add(f);
            }
            return l;
        });
        return f;
    }

    void unregister(String node, CompletableFuture<Void> f) {
        waiting.computeIfPresent(node, (n, list) -> {
            synchronized (list) {
                list.remove(f);
                return list.isEmpty() ? null : list;
            }
        });
    }
}
