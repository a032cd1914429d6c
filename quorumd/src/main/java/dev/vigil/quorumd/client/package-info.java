/**
 * The client of the quorum server that a node daemon embeds: {@link dev.vigil.quorumd.client.QuorumClient}
 * keeps a TLS connection to the server, reports the node's partition and tracks the vote as a lease
 * that lapses locally when not renewed in time. Independent of the controller: the daemon adapts it to
 * core's quorum port.
 *
 * <p>Depends on the JDK, SLF4J and {@code dev.vigil.quorumd.{wire,tls,vote}} (protocol, TLS files,
 * monotonic clock). Starts only the threads it owns and ends them on close.
 */
package dev.vigil.quorumd.client;
