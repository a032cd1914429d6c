/**
 * Watchdog fencing: {@link dev.vigil.stonith.watchdog.Watchdog} feeds this node's hardware
 * watchdog while a health check passes (self-fencing), and the {@code watchdog} driver fences a
 * peer by waiting out {@code stonith-watchdog-timeout}. Depends on the SPI, JNA and SLF4J.
 */
package dev.vigil.stonith.watchdog;
