/** The {@code ssh} fence driver (tests and labs only). Depends on the SPI and the process runner. */
package dev.vigil.stonith.ssh;
