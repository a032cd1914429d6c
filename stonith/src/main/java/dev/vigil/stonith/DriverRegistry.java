package dev.vigil.stonith;

import dev.vigil.stonith.agents.FenceAgentDriver;
import dev.vigil.stonith.spi.FenceDriver;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fence drivers this node can use, by name: those on the class path (the built-in
 * {@code ssh}, {@code manual}, {@code watchdog} and {@code fence_vigil_testing_only_does_nothing},
 * and any other {@link java.util.ServiceLoader} provider of {@link FenceDriver}), those in the jars
 * of a plugin directory, and, for any other {@code fence_*} type, the fence-agents executable of
 * that name in the agent directory (default {@code /usr/sbin}). A jar that cannot be loaded is
 * reported as a {@link PluginProblem} naming it and skipped; it never stops the others. Thread-safe
 * after {@link Builder#build()}; {@link #close()} releases the plugin class loaders.
 */
public final class DriverRegistry implements AutoCloseable {
    public static final Path DEFAULT_AGENT_DIRECTORY = Path.of("/usr/sbin");
    private static final Logger LOG = LoggerFactory.getLogger(DriverRegistry.class);
    private static final Pattern AGENT_NAME = Pattern.compile("fence_[A-Za-z0-9_.+-]+");
    private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z0-9_.:/+-]+");

    private final Map<String, FenceDriver> drivers;
    private final Map<String, Path> origins;
    private final List<PluginProblem> problems;
    private final List<URLClassLoader> loaders;
    private final Path agentDirectory;
    private final Duration metadataTimeout;
    private final Map<String, FenceAgentDriver> agents = new ConcurrentHashMap<>();

    private DriverRegistry(Builder b, Map<String, FenceDriver> drivers, Map<String, Path> origins,
            List<PluginProblem> problems, List<URLClassLoader> loaders) {
        this.drivers = Collections.unmodifiableMap(drivers);
        this.origins = Map.copyOf(origins);
        this.problems = List.copyOf(problems);
        this.loaders = List.copyOf(loaders);
        this.agentDirectory = b.agentDirectory;
        this.metadataTimeout = b.metadataTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The drivers on the class path and the fence agents in {@code /usr/sbin}; no plugins. */
    public static DriverRegistry standard() {
        return builder().build();
    }

    /**
     * The driver for a device of type {@code type}: a named driver, else the fence-agents
     * executable {@code <agent directory>/<type>} when it exists. Pacemaker's {@code fence_watchdog}
     * (watchdog-based fencing of peers) is Vigil's {@code watchdog} driver.
     */
    public Optional<FenceDriver> find(String type) {
        FenceDriver d = drivers.get(type);
        if (d != null) {
            return Optional.of(d);
        }
        if ("fence_watchdog".equals(type) && drivers.containsKey("watchdog")) {
            return Optional.of(drivers.get("watchdog"));
        }
        if (type == null || !AGENT_NAME.matcher(type).matches()) {
            return Optional.empty();
        }
        Path exe = agentDirectory.resolve(type);
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            return Optional.empty();
        }
        return Optional.of(agents.computeIfAbsent(type, t -> new FenceAgentDriver(exe, metadataTimeout)));
    }

    /** Why {@link #find} found nothing, for error messages. */
    public String explainMissing(String type) {
        return "no fence driver '" + type + "': not a built-in or plugin driver (" + String.join(", ", drivers.keySet())
                + ") and no executable " + agentDirectory.resolve(type == null ? "?" : type);
    }

    /** The named drivers (built-in, class path and plugins), sorted. */
    public List<String> names() {
        return List.copyOf(drivers.keySet());
    }

    /** The fence-agents executables ({@code fence_*}) in the agent directory, sorted. */
    public List<String> installedAgents() {
        try (Stream<Path> s = Files.list(agentDirectory)) {
            return s.filter(p -> AGENT_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isExecutable).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The jar a named driver came from, or empty for class-path drivers. */
    public Optional<Path> origin(String name) {
        return Optional.ofNullable(origins.get(name));
    }

    /** Plugin jars or drivers that could not be loaded. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Releases the plugin class loaders; drivers from plugins must not be used afterwards. */
    @Override
    public void close() {
        for (URLClassLoader l : loaders) {
            try {
                l.close();
            } catch (IOException e) {
                LOG.debug("closing plugin class loader: {}", e.getMessage());
            }
        }
    }

    /** Configures a {@link DriverRegistry}. Not thread-safe. */
    public static final class Builder {
        private Path agentDirectory = DEFAULT_AGENT_DIRECTORY;
        private Path pluginDirectory;
        private Duration metadataTimeout = Duration.ofSeconds(10);
        private final List<FenceDriver> extra = new ArrayList<>();
        private boolean classPath = true;

        private Builder() {
        }

        /** Where fence-agents executables are looked up (default {@code /usr/sbin}). */
        public Builder agentDirectory(Path dir) {
            this.agentDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A directory whose {@code *.jar} files hold more drivers (none by default). */
        public Builder pluginDirectory(Path dir) {
            this.pluginDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** How long a fence agent may take to print its metadata (default 10s). */
        public Builder metadataTimeout(Duration timeout) {
            this.metadataTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Adds a driver instance (tests, embedding); it wins over a class-path driver of the same name. */
        public Builder driver(FenceDriver driver) {
            extra.add(Objects.requireNonNull(driver, "driver"));
            return this;
        }

        /** Whether to load the drivers on the class path (default true). */
        public Builder classPathDrivers(boolean load) {
            this.classPath = load;
            return this;
        }

        public DriverRegistry build() {
            Map<String, FenceDriver> drivers = new TreeMap<>();
            Map<String, Path> origins = new TreeMap<>();
            List<PluginProblem> problems = new ArrayList<>();
            List<URLClassLoader> loaders = new ArrayList<>();
            for (FenceDriver d : extra) {
                drivers.put(checkedName(d), d);
            }
            if (classPath) {
                ServiceLoader<FenceDriver> sl = ServiceLoader.load(FenceDriver.class,
                        DriverRegistry.class.getClassLoader());
                for (ServiceLoader.Provider<FenceDriver> p : sl.stream().toList()) {
                    FenceDriver d = p.get();
                    drivers.putIfAbsent(checkedName(d), d);
                }
            }
            if (pluginDirectory != null) {
                PluginLoader.load(pluginDirectory, drivers, origins, problems, loaders);
            }
            problems.forEach(p -> LOG.error("{}", p));
            return new DriverRegistry(this, drivers, origins, problems, loaders);
        }
    }

    static String checkedName(FenceDriver d) {
        String name = d.name();
        if (name == null || !DRIVER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("fence driver " + d.getClass().getName() + " has an invalid name '"
                    + name + "' (letters, digits and _.:/+- only)");
        }
        return name;
    }
}
