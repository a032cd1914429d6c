package dev.vigil.resourceagents;

import dev.vigil.core.port.ResourceAgentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds installed agents: OCF agents as {@code DIR/PROVIDER/TYPE} in each configured
 * {@code resource.d} directory, LSB init scripts as {@code DIR/NAME}. Only executable regular
 * files count; names starting with a dot are skipped (resource-agents keeps helpers there).
 * Reads the file system on every call; thread-safe.
 */
public final class AgentCatalog {
    public static final String OCF = "ocf";
    public static final String LSB = "lsb";

    /** Files in init.d that are not services. */
    private static final java.util.Set<String> NOT_SERVICES = java.util.Set.of("README", "rc", "rcS", "skeleton",
            "functions");

    private final ExecutorSettings settings;

    public AgentCatalog(ExecutorSettings settings) {
        this.settings = settings;
    }

    /** The classes (standards) this executor runs. */
    public List<String> standards() {
        return List.of(LSB, OCF);
    }

    /** The executable that implements {@code agent}, if installed. */
    public Optional<Path> locate(ResourceAgentId agent) {
        return switch (agent.standard()) {
            case OCF -> settings.ocfDirectories().stream()
                    .map(d -> d.resolve(agent.provider()).resolve(agent.type()))
                    .filter(Files::isRegularFile).findFirst();
            case LSB -> settings.lsbDirectories().stream().map(d -> d.resolve(agent.type()))
                    .filter(Files::isRegularFile).findFirst();
            default -> Optional.empty();
        };
    }

    /** OCF providers found, sorted. */
    public List<String> providers() {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : settings.ocfDirectories()) {
            for (Path p : entries(dir)) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Installed agents of a class (and optionally one OCF provider), sorted by name; when a name
     * appears in several directories only the one {@link #locate} would use is listed.
     */
    public List<ResourceAgentId> list(String standard, String provider) {
        TreeMap<String, ResourceAgentId> found = new TreeMap<>();
        if (standard == null || standard.equals(LSB)) {
            if (provider == null) {
                for (Path dir : settings.lsbDirectories()) {
                    for (Path p : entries(dir)) {
                        String name = p.getFileName().toString();
                        if (isAgentFile(p) && !NOT_SERVICES.contains(name) && !name.endsWith(".dpkg-old")
                                && !name.endsWith(".dpkg-dist")) {
                            found.putIfAbsent("lsb:" + name, new ResourceAgentId(LSB, null, name));
                        }
                    }
                }
            }
        }
        if (standard == null || standard.equals(OCF)) {
            for (String prov : providers()) {
                if (provider != null && !provider.equals(prov)) {
                    continue;
                }
                for (Path dir : settings.ocfDirectories()) {
                    for (Path p : entries(dir.resolve(prov))) {
                        if (isAgentFile(p)) {
                            String name = p.getFileName().toString();
                            found.putIfAbsent("ocf:" + prov + ":" + name, new ResourceAgentId(OCF, prov, name));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private static boolean isAgentFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) && !p.getFileName().toString().startsWith(".");
    }

    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
