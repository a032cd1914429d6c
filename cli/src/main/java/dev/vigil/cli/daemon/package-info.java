/**
 * {@code vigild} / {@code vigil daemon}: the composition root that wires the real adapters
 * (JGroups membership, the agent executor, the file-backed CIB document, the control socket)
 * into core's controller, and the client commands that talk to it ({@code vigil status},
 * {@code vigil cib}). {@code ClusterSource}, {@code ClusterSnapshot} and {@code ClusterReport} are the
 * read-only view (the daemon's status answer or a CIB file, read by the scheduler's own stages) that
 * {@code status}, {@code explain} and the query forms of {@code resource} and {@code node} share.
 */
package dev.vigil.cli.daemon;
