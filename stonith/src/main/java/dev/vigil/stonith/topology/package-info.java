/**
 * Pacemaker's fencing configuration as values: device parameters ({@code pcmk_host_list},
 * {@code pcmk_host_map}, {@code pcmk_host_check}, delays, timeouts, retries, priority) and
 * {@code fencing-topology} levels. Pure and immutable; depends on {@code core}'s model and the SPI.
 */
package dev.vigil.stonith.topology;
