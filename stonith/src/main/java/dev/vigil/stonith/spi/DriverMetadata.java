package dev.vigil.stonith.spi;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a driver is and what it takes, shown by {@code vigil stonith metadata TYPE}: the
 * equivalent of a fence agent's {@code -o metadata} XML. Immutable.
 *
 * @param name the driver name (the {@code type} of a {@code class="stonith"} primitive)
 * @param shortDescription one line
 * @param longDescription a paragraph: what it fences, how, and its limits
 * @param parameters the device parameters it understands (not the {@code pcmk_*} ones, which the
 *        fencer interprets for every device)
 * @param actions the actions its devices can support
 */
public record DriverMetadata(String name, String shortDescription, String longDescription,
        List<ParameterInfo> parameters, Set<DeviceAction> actions) {

    public DriverMetadata {
        Objects.requireNonNull(name, "name");
        shortDescription = shortDescription == null ? "" : shortDescription;
        longDescription = longDescription == null ? "" : longDescription;
        parameters = List.copyOf(parameters);
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    public Optional<ParameterInfo> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    public boolean hasParameter(String parameterName) {
        return parameter(parameterName).isPresent();
    }
}
