package dev.vigil.stonith;

import dev.vigil.stonith.spi.FenceDriver;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the drivers of each jar of a plugin directory with a class loader of its own. */
final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final String SERVICE_FILE = "META-INF/services/" + FenceDriver.class.getName();

    private PluginLoader() {
    }

    static void load(Path dir, Map<String, FenceDriver> drivers, Map<String, Path> origins,
            List<PluginProblem> problems, List<URLClassLoader> loaders) {
        if (!Files.isDirectory(dir)) {
            problems.add(new PluginProblem(dir, "the plugin directory does not exist or is not a directory"));
            return;
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problems.add(new PluginProblem(dir, "cannot list the plugin directory: " + e.getMessage()));
            return;
        }
        for (Path jar : jars) {
            loadJar(jar, drivers, origins, problems, loaders);
        }
    }

    private static void loadJar(Path jar, Map<String, FenceDriver> drivers, Map<String, Path> origins,
            List<PluginProblem> problems, List<URLClassLoader> loaders) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry(SERVICE_FILE) == null) {
                problems.add(new PluginProblem(jar, "contains no " + SERVICE_FILE
                        + " naming its driver classes; add one"));
                return;
            }
        } catch (IOException | SecurityException e) {
            problems.add(new PluginProblem(jar, "is not a readable jar file (" + e.getMessage() + ")"));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("fence-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    DriverRegistry.class.getClassLoader());
        } catch (MalformedURLException e) {
            problems.add(new PluginProblem(jar, "bad path: " + e.getMessage()));
            return;
        }
        int found = 0;
        try {
            var it = ServiceLoader.load(FenceDriver.class, loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<FenceDriver> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                    if (p.type().getClassLoader() != loader) {
                        continue; // a class-path driver seen through the parent loader
                    }
                } catch (ServiceConfigurationError | LinkageError e) {
                    problems.add(new PluginProblem(jar, "a driver listed in " + SERVICE_FILE
                            + " cannot be loaded: " + rootMessage(e)));
                    continue;
                }
                found += register(jar, p, drivers, origins, problems) ? 1 : 0;
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            problems.add(new PluginProblem(jar, "cannot read its drivers: " + rootMessage(e)));
        }
        if (found > 0) {
            loaders.add(loader);
        } else {
            closeQuietly(loader);
        }
    }

    private static boolean register(Path jar, ServiceLoader.Provider<FenceDriver> p,
            Map<String, FenceDriver> drivers, Map<String, Path> origins, List<PluginProblem> problems) {
        FenceDriver d;
        String name;
        try {
            d = p.get();
            name = DriverRegistry.checkedName(d);
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            problems.add(new PluginProblem(jar, "driver " + p.type().getName() + " cannot be created: "
                    + rootMessage(e)));
            return false;
        }
        if (drivers.containsKey(name)) {
            Path other = origins.get(name);
            problems.add(new PluginProblem(jar, "driver '" + name + "' is ignored: a driver of that name "
                    + (other == null ? "is built in" : "was already loaded from " + other)));
            return false;
        }
        drivers.put(name, d);
        origins.put(name, jar);
        LOG.info("Loaded fence driver '{}' ({}) from {}", name, d.getClass().getName(), jar);
        return true;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
        return m;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it
        }
    }
}
