package dev.vigil.stonith;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of checking a fence device ({@link LocalFencer#monitor}), for the {@code start} and
 * {@code monitor} operations the cluster runs on {@code class="stonith"} resources. Immutable.
 *
 * @param device the device id
 * @param success whether the device works (or has nothing to check)
 * @param message why it does not work, or how it was checked
 */
public record MonitorResult(String device, boolean success, String message, Instant started, Instant finished) {

    public MonitorResult {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }
}
