package dev.vigil.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Durations;
import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceResult;
import dev.vigil.stonith.agents.FenceAgentDriver;
import dev.vigil.stonith.spi.FenceDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in drivers, fence-agent lookup and plugin jars (good and bad). */
class DriverRegistryTest {
    static final String SERVICE = "META-INF/services/dev.vigil.stonith.spi.FenceDriver";
    static final String PLUGIN_SOURCE = """
            package acme;

            import dev.vigil.stonith.spi.*;
            import java.time.Duration;
            import java.util.EnumSet;
            import java.util.List;
            import java.util.Set;

            public class PduDriver implements FenceDriver {
                public String name() {
                    return "fence_acme_pdu";
                }

                public DriverMetadata metadata() {
                    return new DriverMetadata(name(), "Acme PDU", "", List.of(ParameterInfo.required("outlet_host",
                            "string", "PDU address")), EnumSet.of(DeviceAction.OFF));
                }

                public FenceDevice create(DeviceConfig config, DriverContext context) {
                    String host = config.requireParam("outlet_host");
                    return new FenceDevice() {
                        public Set<DeviceAction> supportedActions() {
                            return EnumSet.of(DeviceAction.OFF);
                        }

                        public void off(FenceTarget target, Duration timeout) {
                            System.setProperty("acme.fenced", target.node() + "@" + host);
                        }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void builtInDriversAreFoundThroughServiceLoader() {
        try (DriverRegistry r = DriverRegistry.standard()) {
            assertEquals(List.of("fence_vigil_testing_only_does_nothing", "manual", "ssh", "watchdog"), r.names());
            assertTrue(r.problems().isEmpty());
        }
    }

    @Test
    void pacemakersFenceWatchdogIsTheWatchdogDriver() {
        try (DriverRegistry r = DriverRegistry.builder().agentDirectory(dir).build()) {
            assertEquals("watchdog", r.find("fence_watchdog").orElseThrow().name());
        }
    }

    @Test
    void fenceAgentsComeFromTheAgentDirectory() throws IOException {
        Fixtures.fakeAgent(dir, "fence_fake", "off", "exit 0");
        Fixtures.script(dir, "not_an_agent", "exit 0\n");
        try (DriverRegistry r = DriverRegistry.builder().agentDirectory(dir).build()) {
            FenceDriver d = r.find("fence_fake").orElseThrow();
            assertTrue(d instanceof FenceAgentDriver);
            assertTrue(r.find("not_an_agent").isEmpty());
            assertTrue(r.find("fence_../../bin/sh").isEmpty(), "no path traversal");
            assertTrue(r.find("fence_missing").isEmpty());
            assertEquals(List.of("fence_fake"), r.installedAgents());
        }
    }

    @Test
    void loadsADriverFromAPluginJarAndFencesWithIt() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = buildPluginJar(plugins.resolve("acme-pdu.jar"), "acme.PduDriver\n");
        System.clearProperty("acme.fenced");
        try (DriverRegistry r = DriverRegistry.builder().agentDirectory(dir).pluginDirectory(plugins).build()) {
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            assertEquals(jar, r.origin("fence_acme_pdu").orElseThrow());
            assertEquals("PDU address", r.find("fence_acme_pdu").orElseThrow().metadata()
                    .parameter("outlet_host").orElseThrow().description());
            try (LocalFencer f = LocalFencer.builder(r, "n1").cib(Fixtures.cib()
                    .device("pdu", "fence_acme_pdu", "outlet_host", "10.1.1.1").build()).build()) {
                FenceResult result = f.fence(dev.vigil.core.port.FenceRequest.of("n2", FenceAction.OFF, "n1")).get();
                assertEquals(FenceResult.Status.SUCCESS, result.status(), result.error());
            }
            assertEquals("n2@10.1.1.1", System.getProperty("acme.fenced"));
        } finally {
            System.clearProperty("acme.fenced");
        }
    }

    @Test
    void badJarsAreReportedByNameAndSkipped() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.write(plugins.resolve("corrupt.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        writeJar(plugins.resolve("empty.jar"), Map.of("README", "no services here"));
        writeJar(plugins.resolve("missing-class.jar"), Map.of(SERVICE, "com.example.NoSuchDriver\n"));
        buildPluginJar(plugins.resolve("zz-good.jar"), "acme.PduDriver\n");
        buildPluginJar(plugins.resolve("zz-twice.jar"), "acme.PduDriver\n");

        try (DriverRegistry r = DriverRegistry.builder().agentDirectory(dir).pluginDirectory(plugins).build()) {
            List<String> problems = r.problems().stream().map(PluginProblem::toString).toList();
            assertEquals(4, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("fence driver plugin " + plugins.resolve("corrupt.jar")
                    + ": is not a readable jar file"), problems.get(0));
            assertTrue(problems.get(1).startsWith("fence driver plugin " + plugins.resolve("empty.jar")
                    + ": contains no " + SERVICE), problems.get(1));
            assertTrue(problems.get(2).startsWith("fence driver plugin " + plugins.resolve("missing-class.jar")
                    + ": a driver listed in " + SERVICE + " cannot be loaded"), problems.get(2));
            assertTrue(problems.get(2).contains("com.example.NoSuchDriver"), problems.get(2));
            assertTrue(problems.get(3).contains("zz-twice.jar: driver 'fence_acme_pdu' is ignored: a driver of that "
                    + "name was already loaded from " + plugins.resolve("zz-good.jar")), problems.get(3));
            assertTrue(r.find("fence_acme_pdu").isPresent(), "the good jar still loads");
            assertTrue(r.find("manual").isPresent());
        }
    }

    @Test
    void missingPluginDirectoryIsAProblemNotACrash() {
        try (DriverRegistry r = DriverRegistry.builder().pluginDirectory(dir.resolve("nope")).build()) {
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).message().contains("does not exist"));
        }
    }

    /** Compiles {@link #PLUGIN_SOURCE} against the SPI and packs it with a services file. */
    private Path buildPluginJar(Path jar, String services) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + jar.getFileName()).resolve("acme"));
        Path classes = Files.createDirectories(dir.resolve("classes-" + jar.getFileName()));
        Files.writeString(src.resolve("PduDriver.java"), PLUGIN_SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = location(FenceDriver.class) + java.io.File.pathSeparator + location(Durations.class);
        int rc = javac.run(null, null, System.err, "-d", classes.toString(), "-cp", cp,
                src.resolve("PduDriver.java").toString());
        assertEquals(0, rc, "plugin compiles");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(SERVICE));
            out.write(services.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

}
