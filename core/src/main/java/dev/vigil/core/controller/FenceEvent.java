package dev.vigil.core.controller;

import dev.vigil.core.port.FenceResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished fencing operation as every node's history records it ({@code vigil stonith history}).
 * Immutable.
 *
 * @param target the node that was (or was to be) fenced
 * @param action off, on or reboot
 * @param origin the node that asked: the DC for a transition, or where an operator ran the command
 * @param executioner the node whose fencer ran it
 * @param status {@link FenceResult.Status} name, or {@code CONFIRMED} for an operator's confirmation
 * @param level the topology level that succeeded, 0 when none or no topology
 * @param devices the devices that fenced the target (empty on failure)
 * @param error why it failed, empty on success
 */
public record FenceEvent(String target, String action, String origin, String executioner, String status, int level,
        List<String> devices, String error, Instant started, Instant finished) {

    /** The status of a fencing an operator confirmed by hand ({@code vigil stonith confirm}). */
    public static final String CONFIRMED = "CONFIRMED";

    public FenceEvent {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(executioner, "executioner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        devices = List.copyOf(devices);
    }

    static FenceEvent of(FenceResult r, String executioner) {
        return new FenceEvent(r.request().target(), r.request().action().value(), r.request().origin(), executioner,
                r.status().name(), r.level(), r.devices(), r.error(), r.started(), r.finished());
    }

    /** Whether the target is known to be down (fenced, or confirmed down by an operator). */
    public boolean isSuccess() {
        return status.equals(FenceResult.Status.SUCCESS.name()) || status.equals(CONFIRMED);
    }

    /** Identifies the event across nodes (the same event may arrive more than once). */
    String key() {
        return target + '\u0000' + action + '\u0000' + executioner + '\u0000' + started + '\u0000' + finished;
    }
}
