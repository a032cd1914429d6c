package dev.vigil.core.port;

import java.util.Objects;

/**
 * Names a resource agent the way the CIB does: {@code class[:provider]:type}, for example
 * {@code ocf:heartbeat:IPaddr2} or {@code lsb:nginx}. Only the {@code ocf} class has a provider.
 */
public record ResourceAgentId(String standard, String provider, String type) {

    public ResourceAgentId {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(type, "type");
        if (standard.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("resource agent needs a class and a type, got '"
                    + standard + ":" + type + "'");
        }
        if ("ocf".equals(standard) && (provider == null || provider.isBlank())) {
            throw new IllegalArgumentException("OCF agent '" + type + "' needs a provider (ocf:PROVIDER:TYPE)");
        }
        if (!"ocf".equals(standard) && provider != null && !provider.isBlank()) {
            throw new IllegalArgumentException("class '" + standard + "' takes no provider, got '"
                    + standard + ":" + provider + ":" + type + "'");
        }
        if (provider != null && provider.isBlank()) {
            provider = null;
        }
        for (String part : new String[] {standard, provider, type}) {
            if (part != null && (part.contains("/") || part.equals("..") || part.equals("."))) {
                throw new IllegalArgumentException("invalid resource agent name part '" + part + "'");
            }
        }
    }

    /** Parses {@code class:provider:type} or {@code class:type}. */
    public static ResourceAgentId parse(String text) {
        String[] parts = text.split(":", -1);
        return switch (parts.length) {
            case 2 -> new ResourceAgentId(parts[0], null, parts[1]);
            case 3 -> new ResourceAgentId(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("resource agent '" + text
                    + "' is not of the form CLASS:PROVIDER:TYPE or CLASS:TYPE");
        };
    }

    @Override
    public String toString() {
        return provider == null ? standard + ":" + type : standard + ":" + provider + ":" + type;
    }
}
