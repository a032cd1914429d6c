package dev.vigil.core.scheduler;

/**
 * One action of the transition graph: a resource operation on a node, a pseudo action, or a fencing
 * operation. Immutable.
 *
 * @param kind "resource", "pseudo" or "fence"
 * @param resource the resource id (null for fencing)
 * @param task start, stop, promote, demote, migrate_to, migrate_from, monitor, or the fencing action
 * @param node the node the action runs on or targets (null for some pseudo actions)
 * @param runnable whether the action can run in this transition
 */
public record PlannedAction(String kind, String resource, String task, String node, boolean runnable) {
}
