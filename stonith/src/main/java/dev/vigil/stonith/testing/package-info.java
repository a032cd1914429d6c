/** Drivers for tests only; they protect nothing and say so loudly. Depends on the SPI. */
package dev.vigil.stonith.testing;
