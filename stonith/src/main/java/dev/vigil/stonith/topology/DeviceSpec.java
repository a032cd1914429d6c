package dev.vigil.stonith.topology;

import dev.vigil.core.model.Durations;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.Primitive;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A fence device as the fencer uses it: the primitive's configuration plus the Pacemaker
 * parameters that say which nodes it fences and how ({@code pcmk_host_list},
 * {@code pcmk_host_map}, {@code pcmk_host_check}, {@code pcmk_delay_base}/{@code _max},
 * {@code pcmk_<action>_timeout}/{@code _retries}, {@code priority}). Immutable.
 *
 * @param config the device's configuration as its driver sees it
 * @param priority devices are tried from the highest priority down (default 0)
 * @param hostList the nodes named in {@code pcmk_host_list}
 * @param hostMap node to plug, from {@code pcmk_host_map}
 * @param explicitHostCheck {@code pcmk_host_check} when set, else empty (see {@link #hasStaticTargets})
 * @param delayBase the static delay for nodes without their own entry
 * @param delayBaseByNode per-node static delays ({@code pcmk_delay_base="node1:0s;node2:5s"})
 * @param delayMax the upper bound of the random delay
 * @param timeouts explicit per-action timeouts ({@code pcmk_<action>_timeout}, else the timeout of
 *        an {@code <op>} of that name)
 * @param retries explicit per-action retry counts ({@code pcmk_<action>_retries})
 * @param enabled false when the device's {@code target-role} is {@code Stopped}: nobody may use it
 */
public record DeviceSpec(DeviceConfig config, int priority, List<String> hostList, Map<String, String> hostMap,
        Optional<HostCheck> explicitHostCheck, Duration delayBase, Map<String, Duration> delayBaseByNode,
        Duration delayMax, Map<DeviceAction, Duration> timeouts, Map<DeviceAction, Integer> retries,
        boolean enabled) {

    /** Pacemaker's default for {@code pcmk_<action>_retries}. */
    public static final int DEFAULT_RETRIES = 2;

    public DeviceSpec {
        hostList = List.copyOf(hostList);
        hostMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hostMap));
        delayBaseByNode = Map.copyOf(delayBaseByNode);
        timeouts = timeouts.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(timeouts));
        retries = retries.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(retries));
    }

    /**
     * Reads a {@code class="stonith"} primitive.
     *
     * @throws IllegalArgumentException naming the device and the parameter when a Pacemaker
     *         fencing parameter is malformed
     */
    public static DeviceSpec from(Primitive primitive, Map<String, String> clusterOptions) {
        DeviceConfig config = new DeviceConfig(primitive.id(), primitive.type(), primitive.params(), clusterOptions);
        String prio = config.param("priority", primitive.meta().get("priority"));
        int priority;
        try {
            priority = prio == null ? 0 : Integer.parseInt(prio.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(config.describe() + ": priority '" + prio + "' is not an integer");
        }
        List<String> hostList = HostMap.parseList(config.param("pcmk_host_list", null));
        Map<String, String> hostMap;
        try {
            hostMap = HostMap.parse(config.param("pcmk_host_map", null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.describe() + ": pcmk_host_map: " + e.getMessage());
        }
        Optional<HostCheck> check = Optional.empty();
        String checkText = config.param("pcmk_host_check", null);
        if (checkText != null) {
            try {
                check = Optional.of(HostCheck.parse(checkText));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config.describe() + ": pcmk_host_check " + e.getMessage());
            }
            if (check.get() == HostCheck.STATIC_LIST && hostList.isEmpty() && hostMap.isEmpty()) {
                throw new IllegalArgumentException(config.describe() + " has pcmk_host_check=static-list but "
                        + "neither pcmk_host_list nor pcmk_host_map: set one of them to the nodes it can fence");
            }
        }
        Duration base = Duration.ZERO;
        Map<String, Duration> baseByNode = new LinkedHashMap<>();
        String baseText = config.param("pcmk_delay_base", null);
        if (HostMap.looksLikeMap(baseText)) {
            try {
                HostMap.parse(baseText).forEach((node, v) -> baseByNode.put(node, Duration.ofMillis(
                        Durations.parseMillis(v))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config.describe() + ": pcmk_delay_base: " + e.getMessage());
            }
        } else {
            base = config.durationParam("pcmk_delay_base", Duration.ZERO);
        }
        Duration max = config.durationParam("pcmk_delay_max", Duration.ZERO);
        Map<DeviceAction, Duration> timeouts = new EnumMap<>(DeviceAction.class);
        Map<DeviceAction, Integer> retries = new EnumMap<>(DeviceAction.class);
        for (DeviceAction a : DeviceAction.values()) {
            Duration t = config.durationParam("pcmk_" + a.value() + "_timeout", null);
            if (t == null) {
                t = opTimeout(primitive, a, config);
            }
            if (t != null) {
                if (t.isZero()) {
                    throw new IllegalArgumentException(config.describe() + ": the " + a + " timeout must be positive");
                }
                timeouts.put(a, t);
            }
            if (config.param("pcmk_" + a.value() + "_retries", null) != null) {
                int r = config.intParam("pcmk_" + a.value() + "_retries", DEFAULT_RETRIES);
                if (r < 0) {
                    throw new IllegalArgumentException(config.describe() + ": pcmk_" + a.value()
                            + "_retries must not be negative, got " + r);
                }
                retries.put(a, r);
            }
        }
        boolean enabled = !"stopped".equals(primitive.meta().getOrDefault("target-role", "")
                .trim().toLowerCase(Locale.ROOT));
        return new DeviceSpec(config, priority, hostList, hostMap, check, base, baseByNode, max, timeouts, retries,
                enabled);
    }

    private static Duration opTimeout(Primitive primitive, DeviceAction action, DeviceConfig config) {
        for (Operation op : primitive.operations()) {
            String t = op.attributes().get("timeout");
            if (op.name().equals(action.value()) && t != null) {
                try {
                    return Duration.ofMillis(Durations.parseMillis(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(config.describe() + ": op '" + op.id() + "' has a bad timeout '"
                            + t + "'");
                }
            }
        }
        return null;
    }

    public String id() {
        return config.id();
    }

    public String type() {
        return config.type();
    }

    /** Whether {@code pcmk_host_list} or {@code pcmk_host_map} names any node. */
    public boolean hasStaticTargets() {
        return !hostList.isEmpty() || !hostMap.isEmpty();
    }

    /** Whether {@code node} is named in {@code pcmk_host_list} or {@code pcmk_host_map}. */
    public boolean isListed(String node) {
        return hostList.contains(node) || hostMap.containsKey(node);
    }

    /** What the device calls {@code node}: its {@code pcmk_host_map} entry, else the node name. */
    public String plugFor(String node) {
        return hostMap.getOrDefault(node, node);
    }

    /** The action's timeout: {@code pcmk_<action>_timeout}, an op timeout, else {@code fallback}. */
    public Duration timeout(DeviceAction action, Duration fallback) {
        return timeouts.getOrDefault(action, fallback);
    }

    /** How many times a failed action is retried ({@code pcmk_<action>_retries}, default 2). */
    public int retries(DeviceAction action) {
        return retries.getOrDefault(action, DEFAULT_RETRIES);
    }

    /**
     * The delay before fencing {@code node} with this device: {@code pcmk_delay_base} (the node's
     * own entry when it is a map) plus a random share of the span up to {@code pcmk_delay_max}: as
     * "Pacemaker Explained" puts it, the sum is kept below the maximum, so the delay lies in
     * [base, max]. Without a maximum the delay is the base; a maximum below the base caps it.
     *
     * @param random a number in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Duration delay(String node, DoubleSupplier random) {
        Duration base = delayBaseByNode.getOrDefault(node, delayBaseByNode.isEmpty() ? delayBase : Duration.ZERO);
        if (delayMax.isZero()) {
            return base;
        }
        if (delayMax.compareTo(base) <= 0) {
            return delayMax;
        }
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        long span = delayMax.minus(base).toMillis();
        return base.plusMillis(Math.round(r * span));
    }
}
