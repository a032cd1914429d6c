package dev.vigil.cli.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the examples are, and what their scripts need. */
final class Examples {
    private Examples() {
    }

    /** The repository root (the cli module's parent): the scripts run from there, as their READMEs say. */
    static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** Skips the test when {@code command} is not on the PATH. */
    static void assumeCommand(String command) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, command));
        }
        assumeTrue(found, command + " is not installed");
    }
}
