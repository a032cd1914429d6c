package dev.vigil.stonith.watchdog;

import dev.vigil.core.model.Durations;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The {@code watchdog} driver: fencing of a peer that protects itself with a {@link Watchdog}
 * (Pacemaker's "watchdog fencing", as with SBD without a shared disk). Nothing is sent to the
 * peer; fencing node X succeeds once X has been out of contact for the cluster option
 * {@code stonith-watchdog-timeout}, because by then X's watchdog has reset it: either X lost
 * quorum (or its controller got stuck) and stopped feeding its watchdog, or X is down.
 *
 * <p>This is only sound when every node runs the {@link Watchdog} with a health check that fails
 * on loss of quorum, and {@code stonith-watchdog-timeout} is longer than the nodes' watchdog
 * timeout (twice is customary). The attempt's timeout ({@code pcmk_off_timeout},
 * {@code stonith-timeout}) must exceed {@code stonith-watchdog-timeout}. A node seen again while
 * the fencer waits is alive, and fencing it fails. The local node cannot be fenced this way.
 * When {@code stonith-watchdog-timeout} is set, the fencer also offers an implicit device named
 * {@code watchdog} of this type, tried after every configured device. Thread-safe.
 */
public final class WatchdogFenceDriver implements FenceDriver {
    public static final String NAME = "watchdog";
    public static final String TIMEOUT_OPTION = "stonith-watchdog-timeout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverMetadata metadata() {
        return new DriverMetadata(NAME, "Watchdog (self-)fencing: waits out stonith-watchdog-timeout",
                "Reports node X fenced once X has been out of contact for the cluster option "
                        + "stonith-watchdog-timeout, trusting X's hardware watchdog to have reset it. Sound only "
                        + "when every node feeds a watchdog only while it has quorum, and stonith-watchdog-timeout "
                        + "exceeds the nodes' watchdog timeout (twice is customary). Takes no parameters.",
                List.of(), EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT));
    }

    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        return new WatchdogFenceDevice(config, context, watchdogTimeout(config));
    }

    /**
     * The cluster's {@code stonith-watchdog-timeout}.
     *
     * @throws IllegalArgumentException when it is unset, zero, negative or malformed
     */
    static Duration watchdogTimeout(DeviceConfig config) {
        String v = config.clusterOptions().get(TIMEOUT_OPTION);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(config.describe() + ": watchdog fencing needs the cluster option "
                    + TIMEOUT_OPTION + " (e.g. 10s, twice the nodes' watchdog timeout)");
        }
        String t = v.trim();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(config.describe() + ": " + TIMEOUT_OPTION + "=" + t + " asks for an "
                    + "automatic value, which Vigil does not compute: set it to twice the nodes' watchdog timeout");
        }
        long ms;
        try {
            ms = Durations.parseMillis(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.describe() + ": " + TIMEOUT_OPTION + " '" + t
                    + "' is not a duration");
        }
        if (ms <= 0) {
            throw new IllegalArgumentException(config.describe() + ": watchdog fencing is disabled ("
                    + TIMEOUT_OPTION + "=" + t + ")");
        }
        return Duration.ofMillis(ms);
    }

    /** Whether the cluster options enable watchdog fencing (a positive {@code stonith-watchdog-timeout}). */
    public static boolean isEnabled(java.util.Map<String, String> clusterOptions) {
        String v = clusterOptions.get(TIMEOUT_OPTION);
        return v != null && !v.isBlank() && !v.trim().startsWith("-") && Durations.parseMillis(v, 0) > 0;
    }
}
