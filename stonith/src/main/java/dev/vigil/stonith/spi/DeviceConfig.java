package dev.vigil.stonith.spi;

import dev.vigil.core.model.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one fence device: a {@code class="stonith"} primitive of the CIB.
 * Immutable. The helpers throw {@link IllegalArgumentException} with a message naming the device
 * and the parameter, so a driver can validate in one line per parameter.
 *
 * @param id the primitive's id (the device id operators see)
 * @param type the primitive's type (the driver name, e.g. {@code fence_ipmilan}, {@code ssh})
 * @param params every instance attribute in document order, the {@code pcmk_*} ones included
 *        (see {@link #agentParams()} for the rest)
 * @param clusterOptions the cluster options ({@code crm_config}), e.g. {@code stonith-watchdog-timeout}
 */
public record DeviceConfig(String id, String type, Map<String, String> params, Map<String, String> clusterOptions) {

    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        clusterOptions = Map.copyOf(clusterOptions);
    }

    public static DeviceConfig of(String id, String type, Map<String, String> params) {
        return new DeviceConfig(id, type, params, Map.of());
    }

    /**
     * The parameters meant for the driver: every instance attribute except those the fencer
     * interprets itself ({@code pcmk_*} and {@code priority}).
     */
    public Map<String, String> agentParams() {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!isFencerParameter(k)) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Whether the fencer, not the driver, interprets the instance attribute {@code name}. */
    public static boolean isFencerParameter(String name) {
        return name.startsWith("pcmk_") || name.equals("priority");
    }

    /** The parameter's value, or {@code fallback} when it is missing or blank. */
    public String param(String name, String fallback) {
        String v = params.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** The parameter's value. @throws IllegalArgumentException when it is missing or blank */
    public String requireParam(String name) {
        String v = param(name, null);
        if (v == null) {
            throw new IllegalArgumentException(describe() + " needs parameter '" + name + "'");
        }
        return v;
    }

    /**
     * A Pacemaker duration parameter ({@code 5}, {@code 5s}, {@code 500ms}, {@code 2min}).
     *
     * @throws IllegalArgumentException when the value is not a duration or is negative
     */
    public Duration durationParam(String name, Duration fallback) {
        String v = param(name, null);
        if (v == null) {
            return fallback;
        }
        long ms;
        try {
            ms = Durations.parseMillis(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": parameter '" + name + "' = '" + v
                    + "' is not a duration (expected e.g. 30s, 500ms, 2min)");
        }
        if (ms < 0) {
            throw new IllegalArgumentException(describe() + ": parameter '" + name + "' must not be negative, got '"
                    + v + "'");
        }
        return Duration.ofMillis(ms);
    }

    /** An integer parameter. @throws IllegalArgumentException when it is not an integer */
    public int intParam(String name, int fallback) {
        String v = param(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe() + ": parameter '" + name + "' = '" + v
                    + "' is not an integer");
        }
    }

    /** "fence device 'ID' (TYPE)", for messages. */
    public String describe() {
        return "fence device '" + id + "' (" + type + ")";
    }
}
