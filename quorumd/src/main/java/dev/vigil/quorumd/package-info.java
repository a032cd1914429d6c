/**
 * The external quorum server and the client the daemon uses. Depends on {@code core}.
 * Built by the quorum issue; empty until then.
 */
package dev.vigil.quorumd;
