package dev.vigil.stonith.topology;

import java.util.Locale;

/** How the fencer learns which nodes a device can fence ({@code pcmk_host_check}). */
public enum HostCheck {
    /** The nodes named in {@code pcmk_host_list} or {@code pcmk_host_map}. */
    STATIC_LIST("static-list"),
    /** The targets the device's {@code list} action reports. */
    DYNAMIC_LIST("dynamic-list"),
    /** Any node for which the device's {@code status} action succeeds (on or off). */
    STATUS("status"),
    /** Any node. */
    NONE("none");

    private final String value;

    HostCheck(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** @throws IllegalArgumentException for an unknown value */
    public static HostCheck parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (HostCheck c : values()) {
            if (c.value.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of static-list, dynamic-list, status, none");
    }

    @Override
    public String toString() {
        return value;
    }
}
