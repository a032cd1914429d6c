/**
 * Ports: the interfaces through which the controller reaches the outside world (cluster
 * membership, agent execution, fencing, quorum, persistence). Adapter modules implement them;
 * tests implement them with in-memory fakes. Only JDK types and {@code dev.vigil.core.model}
 * types appear here, never a library's.
 */
package dev.vigil.core.port;
