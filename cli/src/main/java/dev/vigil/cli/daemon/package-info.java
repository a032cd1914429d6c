/**
 * {@code vigild} / {@code vigil daemon}: the composition root that wires the real adapters
 * (JGroups membership, the agent executor, the file-backed CIB document, the control socket)
 * into core's controller, and the client commands that talk to it ({@code vigil status},
 * {@code vigil cib}).
 */
package dev.vigil.cli.daemon;
