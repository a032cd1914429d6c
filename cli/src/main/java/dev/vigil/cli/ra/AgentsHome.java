package dev.vigil.cli.ra;

import dev.vigil.resourceagents.ExecutorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Vigil's bundled agents ({@code ocf/vigil/*}) and compat shims ({@code compat/*}) are:
 * the {@code vigil.agents} system property, else {@code $VIGIL_HOME/resource-agents/src/main/agents}
 * in a source checkout, else {@code $VIGIL_HOME/lib/agents} in an installed tree.
 */
public final class AgentsHome {
    private AgentsHome() {
    }

    public static Path locate() {
        String explicit = System.getProperty("vigil.agents");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty("vigil.home", ".");
        Path source = Path.of(home, "resource-agents", "src", "main", "agents");
        if (Files.isDirectory(source)) {
            return source;
        }
        return Path.of(home, "lib", "agents");
    }

    /** Executor settings for a one-off CLI run, with a fresh private scratch directory. */
    public static ExecutorSettings cliSettings(Map<String, String> env) throws IOException {
        Path work = Files.createTempDirectory("vigil-ra-");
        work.toFile().deleteOnExit();
        String node = env.getOrDefault("VIGIL_NODE_NAME", hostName());
        return ExecutorSettings.forHost(node, env, locate(), work);
    }

    /** This machine's short host name, Heartbeat's default node name. */
    public static String hostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
