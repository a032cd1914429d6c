/** The {@code manual} fence driver: an operator confirms that a node is down. Depends on the SPI. */
package dev.vigil.stonith.manual;
