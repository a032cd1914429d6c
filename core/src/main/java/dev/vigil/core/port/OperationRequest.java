package dev.vigil.core.port;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One operation for a resource agent: which resource, which agent, which action, with what
 * parameters and within what time. Immutable.
 *
 * @param resourceId the resource's id in the CIB (for a clone instance, {@code id:N}); becomes
 *        {@code OCF_RESOURCE_INSTANCE}
 * @param agent the agent to run
 * @param action the OCF action (start, stop, monitor, promote, demote, notify, migrate_to,
 *        migrate_from, reload, reload-agent, validate-all, meta-data)
 * @param interval zero for a one-shot operation, the repeat interval for a recurring monitor
 * @param timeout how long the agent may run before its process tree is killed
 * @param params instance attributes, passed as {@code OCF_RESKEY_<name>}
 * @param meta meta attributes, passed as {@code OCF_RESKEY_CRM_meta_<name>} (clone and
 *        notification variables included); timeout and interval are added by the executor
 * @param checkLevel the depth of a monitor ({@code OCF_CHECK_LEVEL}), 0 for the default
 */
public record OperationRequest(String resourceId, ResourceAgentId agent, String action, Duration interval,
        Duration timeout, Map<String, String> params, Map<String, String> meta, int checkLevel) {

    public OperationRequest {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (resourceId.isBlank()) {
            throw new IllegalArgumentException("operation needs a resource id");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        params = Map.copyOf(params);
        meta = Map.copyOf(meta);
    }

    /** A one-shot operation with no meta attributes. */
    public static OperationRequest of(String resourceId, ResourceAgentId agent, String action, Duration timeout,
            Map<String, String> params) {
        return new OperationRequest(resourceId, agent, action, Duration.ZERO, timeout, params, Map.of(), 0);
    }

    public OperationRequest withInterval(Duration newInterval) {
        return new OperationRequest(resourceId, agent, action, newInterval, timeout, params, meta, checkLevel);
    }

    public OperationRequest withMeta(Map<String, String> newMeta) {
        return new OperationRequest(resourceId, agent, action, interval, timeout, params, newMeta, checkLevel);
    }

    public OperationRequest withCheckLevel(int level) {
        return new OperationRequest(resourceId, agent, action, interval, timeout, params, meta, level);
    }

    public boolean isRecurring() {
        return !interval.isZero();
    }

    /** Pacemaker's operation key, {@code rsc_action_intervalMs}, e.g. {@code db_monitor_10000}. */
    public String key() {
        return resourceId + "_" + action + "_" + interval.toMillis();
    }

    /** Parameters in name order, for stable rendering. */
    public Map<String, String> sortedParams() {
        return new TreeMap<>(params);
    }
}
