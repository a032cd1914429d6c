/**
 * The node controller: one event-loop thread owns the node's state (membership view, CIB copy,
 * transition in progress). Every node executes operations the DC asks for; the DC (the member
 * with the lowest name) synchronises the CIB at every membership change (the highest version
 * wins), runs the scheduler and executes each transition, recording results in the CIB status
 * and replicating the CIB to all members. Reaches the world only through {@code core.port}.
 */
package dev.vigil.core.controller;
