package dev.vigil.core.port;

import java.util.Locale;

/**
 * What a fencing request asks to be done to its target node, in the fence-agents vocabulary
 * Pacemaker uses ({@code stonith-action}, {@code stonith_admin --off/--on/--reboot}).
 */
public enum FenceAction {
    /** Power the node off (or cut it off the fabric) and leave it so. */
    OFF("off"),
    /** Power the node on again, or give it back its fabric access ("unfencing"). */
    ON("on"),
    /** Make the node stop running anything and start again; safe once the node was off. */
    REBOOT("reboot");

    private final String value;

    FenceAction(String value) {
        this.value = value;
    }

    /** The action as fence agents and the CIB spell it: {@code off}, {@code on}, {@code reboot}. */
    public String value() {
        return value;
    }

    /**
     * Parses {@code off}, {@code on} or {@code reboot} (any case). Pacemaker's legacy
     * {@code poweroff} means {@code off}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static FenceAction parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "off":
                case "poweroff":
                    return OFF;
                case "on":
                    return ON;
                case "reboot":
                    return REBOOT;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("fence action '" + text + "' is not one of off, on, reboot");
    }

    @Override
    public String toString() {
        return value;
    }
}
