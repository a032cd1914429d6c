package dev.vigil.stonith.spi;

/** What a device's {@code status} action reports about a target. */
public enum PowerState {
    ON,
    OFF
}
