/**
 * The node's persistent copy of the CIB: {@code cib.xml} written atomically and durably with a
 * SHA-256 digest beside it, numbered backups of earlier versions, refusal of damaged or hand-edited
 * files at start, CIB version comparison and bumps, and the minimal CIB of a new cluster.
 *
 * <p>Depends on {@code dev.vigil.cib.xml}, {@code dev.vigil.cib.read}, {@code dev.vigil.core.model}
 * and the JDK. Does not log: every decision is returned as a warning line for the caller to log.
 */
package dev.vigil.cib.store;
