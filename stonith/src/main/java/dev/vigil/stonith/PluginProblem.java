package dev.vigil.stonith;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar (or one driver in it) that could not be loaded. The daemon reports these at start;
 * the drivers of the other jars are still used. Immutable.
 *
 * @param jar the jar file
 * @param message what is wrong and, when known, what to do
 */
public record PluginProblem(Path jar, String message) {

    public PluginProblem {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "fence driver plugin " + jar + ": " + message;
    }
}
