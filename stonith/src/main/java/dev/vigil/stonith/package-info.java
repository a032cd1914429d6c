/**
 * Fencing: the driver SPI, built-in drivers, the fence-agents bridge and fencing topology.
 * Depends on {@code core} (and the executor's process runner). Built by the STONITH issue; empty until then.
 */
package dev.vigil.stonith;
