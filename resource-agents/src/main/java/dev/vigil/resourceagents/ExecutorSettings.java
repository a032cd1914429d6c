package dev.vigil.resourceagents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where agents live and the bounds every operation runs within. Immutable.
 *
 * @param ocfRoot the {@code OCF_ROOT} agents are told (default {@code /usr/lib/ocf})
 * @param ocfDirectories {@code resource.d} directories searched in order for
 *        {@code PROVIDER/TYPE} (the first hit wins); normally {@code $OCF_ROOT/resource.d} and
 *        Vigil's bundled agents
 * @param lsbDirectories directories searched for LSB init scripts (default {@code /etc/init.d})
 * @param compatDirectory Vigil's {@code crm_attribute}/{@code crm_master}/{@code attrd_updater}
 *        shims, put first on the agents' {@code PATH} and used as {@code HA_SBIN_DIR}; {@code null}
 *        to leave both alone
 * @param nodeName this node's name ({@code OCF_RESKEY_CRM_meta_on_node})
 * @param maxConcurrent how many operations may run at once on this node
 * @param outputLimit bytes kept of each of an agent's stdout and stderr
 * @param killGrace how long a timed-out agent gets between SIGTERM and SIGKILL
 * @param baseEnvironment the environment agents inherit (OCF and HA variables in it are replaced)
 * @param workDirectory a private directory for per-operation scratch files
 */
public record ExecutorSettings(Path ocfRoot, List<Path> ocfDirectories, List<Path> lsbDirectories,
        Path compatDirectory, String nodeName, int maxConcurrent, int outputLimit, Duration killGrace,
        Map<String, String> baseEnvironment, Path workDirectory) {

    public static final Path DEFAULT_OCF_ROOT = Path.of("/usr/lib/ocf");
    public static final int DEFAULT_OUTPUT_LIMIT = 256 * 1024;

    public ExecutorSettings {
        Objects.requireNonNull(ocfRoot, "ocfRoot");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(killGrace, "killGrace");
        Objects.requireNonNull(workDirectory, "workDirectory");
        ocfDirectories = List.copyOf(ocfDirectories);
        lsbDirectories = List.copyOf(lsbDirectories);
        baseEnvironment = Map.copyOf(baseEnvironment);
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
    }

    /**
     * Settings for this host: {@code OCF_ROOT} from {@code environment} (or the default), the
     * bundled agents and shims under {@code agentsHome} ({@code ocf/} and {@code compat/}; may be
     * {@code null}), and twice the CPU count as the concurrency limit (Pacemaker's default).
     */
    public static ExecutorSettings forHost(String nodeName, Map<String, String> environment, Path agentsHome,
            Path workDirectory) {
        String root = environment.get("OCF_ROOT");
        Path ocfRoot = root == null || root.isBlank() ? DEFAULT_OCF_ROOT : Path.of(root);
        List<Path> dirs = new ArrayList<>();
        String raPath = environment.get("OCF_RA_PATH");
        if (raPath != null && !raPath.isBlank()) {
            for (String p : raPath.split(":")) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        } else {
            dirs.add(ocfRoot.resolve("resource.d"));
        }
        Path compat = null;
        if (agentsHome != null) {
            dirs.add(agentsHome.resolve("ocf"));
            compat = agentsHome.resolve("compat");
        }
        int limit = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        return new ExecutorSettings(ocfRoot, dirs, List.of(Path.of("/etc/init.d")), compat, nodeName, limit,
                DEFAULT_OUTPUT_LIMIT, Duration.ofSeconds(5), environment, workDirectory);
    }

    public ExecutorSettings withMaxConcurrent(int n) {
        return new ExecutorSettings(ocfRoot, ocfDirectories, lsbDirectories, compatDirectory, nodeName, n,
                outputLimit, killGrace, baseEnvironment, workDirectory);
    }

    public ExecutorSettings withLsbDirectories(List<Path> dirs) {
        return new ExecutorSettings(ocfRoot, ocfDirectories, dirs, compatDirectory, nodeName, maxConcurrent,
                outputLimit, killGrace, baseEnvironment, workDirectory);
    }

    public ExecutorSettings withOutputLimit(int bytes) {
        return new ExecutorSettings(ocfRoot, ocfDirectories, lsbDirectories, compatDirectory, nodeName,
                maxConcurrent, bytes, killGrace, baseEnvironment, workDirectory);
    }

    public ExecutorSettings withKillGrace(Duration grace) {
        return new ExecutorSettings(ocfRoot, ocfDirectories, lsbDirectories, compatDirectory, nodeName,
                maxConcurrent, outputLimit, grace, baseEnvironment, workDirectory);
    }

    public ExecutorSettings withEnvironment(Map<String, String> env) {
        return new ExecutorSettings(ocfRoot, ocfDirectories, lsbDirectories, compatDirectory, nodeName,
                maxConcurrent, outputLimit, killGrace, env, workDirectory);
    }
}
