package dev.vigil.stonith.spi;

import java.util.Locale;
import java.util.Optional;

/** The actions a fence device may support, named as in the fence-agents protocol. */
public enum DeviceAction {
    /** Power the target off. Every device supports it. */
    OFF("off"),
    /** Power the target on (unfencing). */
    ON("on"),
    /** Reboot the target. Without it the fencer reboots with off, then on. */
    REBOOT("reboot"),
    /** Report whether the target is on or off. */
    STATUS("status"),
    /** List the targets (plugs) the device controls. */
    LIST("list"),
    /** Check that the device itself works (reachable, credentials valid). */
    MONITOR("monitor");

    private final String value;

    DeviceAction(String value) {
        this.value = value;
    }

    /** The action as fence agents spell it. */
    public String value() {
        return value;
    }

    /** The action named {@code text} (any case); {@code list-status} counts as {@link #LIST}. */
    public static Optional<DeviceAction> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("list-status")) {
            return Optional.of(LIST);
        }
        for (DeviceAction a : values()) {
            if (a.value.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
