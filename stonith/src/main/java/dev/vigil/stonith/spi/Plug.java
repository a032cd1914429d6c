package dev.vigil.stonith.spi;

import java.util.Objects;

/**
 * One target a device's {@code list} action reports: its plug (port, outlet, VM name) and an
 * optional alias, as fence agents print them ({@code plug,alias} per line). Immutable.
 *
 * @param name the plug
 * @param alias the alias, empty when there is none
 */
public record Plug(String name, String alias) {

    public Plug {
        Objects.requireNonNull(name, "name");
        alias = alias == null ? "" : alias;
    }

    public static Plug of(String name) {
        return new Plug(name, "");
    }

    /** Whether this plug is {@code nameOrAlias} by name or by alias. */
    public boolean matches(String nameOrAlias) {
        return name.equals(nameOrAlias) || (!alias.isEmpty() && alias.equals(nameOrAlias));
    }
}
