package dev.vigil.core.port;

import java.util.Objects;

/**
 * A node attribute an agent set or deleted while it ran (through {@code crm_attribute},
 * {@code crm_master} or {@code attrd_updater}), for example a promotion score
 * {@code master-db=10}. The controller applies these to the node's transient attributes.
 *
 * @param name attribute name
 * @param value new value, or {@code null} to delete the attribute
 * @param lifetime {@code reboot} (transient, the default) or {@code forever}
 * @param node the node the attribute belongs to, or {@code null} for the node that ran the agent
 */
public record AttributeUpdate(String name, String value, String lifetime, String node) {

    public AttributeUpdate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lifetime, "lifetime");
        if (name.isBlank()) {
            throw new IllegalArgumentException("attribute update needs a name");
        }
    }

    public boolean isDelete() {
        return value == null;
    }
}
