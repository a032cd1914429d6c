package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every configuration this node has held, newest last: a copy of the CIB without its status
 * section, written ({@code config-ADMIN.EPOCH.xml}, mode 0600, durably) whenever the configuration
 * version changes, whether the change was made here or replicated from the DC. With the CIB's
 * {@code update-user}, {@code update-client}, {@code update-origin} and {@code cib-last-written}
 * it says who changed what and when ({@code vigil history}), and any copy can be restored
 * ({@code vigil rollback}). The oldest copies beyond {@code limit} are deleted. Not thread-safe:
 * used from the thread that writes the CIB.
 */
public final class ConfigHistory {
    private static final Pattern NAME = Pattern.compile("config-(\\d+)\\.(\\d+)\\.xml");

    /** One recorded configuration. {@code version} is {@code admin_epoch.epoch}. */
    public record Entry(String version, long adminEpoch, long epoch, String written, String user, String client,
            String origin) {
    }

    private final DurableDirectory dir;
    private final int limit;
    private String last;

    public ConfigHistory(Path directory, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive, got " + limit);
        }
        this.dir = new DurableDirectory(directory);
        this.limit = limit;
    }

    /** Records {@code cib}'s configuration if its version is new. */
    public void record(XmlElement cib) throws IOException {
        String version = attr(cib, "admin_epoch") + "." + attr(cib, "epoch");
        if (version.equals(last)) {
            return;
        }
        dir.create();
        String name = "config-" + version + ".xml";
        if (!Files.exists(dir.resolve(name))) {
            XmlElement copy = cib.withChildren(cib.children().stream()
                    .filter(n -> !(n instanceof XmlElement e && e.name().equals("status"))).toList());
            dir.replace(name, XmlWriter.toXml(copy).getBytes(StandardCharsets.UTF_8));
        }
        last = version;
        prune();
    }

    /** The recorded configurations, oldest first. Unreadable copies are left out. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Path p : files()) {
            try {
                XmlElement root = XmlParser.parse(Files.readString(p), p.toString());
                Matcher m = NAME.matcher(p.getFileName().toString());
                m.matches();
                out.add(new Entry(m.group(1) + "." + m.group(2), Long.parseLong(m.group(1)),
                        Long.parseLong(m.group(2)), nonNull(root.attr("cib-last-written")),
                        nonNull(root.attr("update-user")), nonNull(root.attr("update-client")),
                        nonNull(root.attr("update-origin"))));
            } catch (XmlParseException | IOException e) {
                // a damaged copy is not history; the others still are
            }
        }
        return out;
    }

    /**
     * The configuration at {@code version} ({@code admin_epoch.epoch}, or just the epoch when the
     * admin epoch is 0).
     */
    public Optional<XmlElement> load(String version) throws IOException {
        String v = version.contains(".") ? version : "0." + version;
        Path p = dir.resolve("config-" + v + ".xml");
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(XmlParser.parse(Files.readString(p), p.toString()));
        } catch (XmlParseException e) {
            throw new IOException("the recorded configuration " + p + " is damaged: " + e.getMessage(), e);
        }
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir.path())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.path())) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path p) -> order(p)[0]).thenComparingLong(p -> order(p)[1]))
                    .toList();
        }
    }

    private static long[] order(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        m.matches();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private void prune() throws IOException {
        List<Path> all = files();
        for (int i = 0; i < all.size() - limit; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static String attr(XmlElement e, String name) {
        String v = e.attr(name);
        return v == null || v.isBlank() ? "0" : v.trim();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
