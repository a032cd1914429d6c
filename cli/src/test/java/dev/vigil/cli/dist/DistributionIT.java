package dev.vigil.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive {@code mvn package} builds: what it holds, and that it runs where it is unpacked. */
class DistributionIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static Path home;
    /** "mode path" per archive entry, as tar lists them, e.g. "-rw------- vigil-0.1.0/etc/vigil/authkeys". */
    private static Map<String, String> modes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void unpack() throws Exception {
        home = Distribution.unpacked();
        Processes.Result list = Processes.run(Path.of("."), Map.of(), TIMEOUT,
                List.of("tar", "tzvf", Distribution.archive().toString()));
        assertEquals(0, list.exit(), list.toString());
        modes = new HashMap<>();
        for (String line : list.lines()) {
            String[] f = line.trim().split("\\s+");
            String path = f[f.length - 1];
            modes.put(path.substring(path.indexOf('/') + 1), f[0]);
        }
    }

    @Test
    void holdsEveryLauncherExecutableAndEveryRuntimeJar() throws IOException {
        try (Stream<Path> launchers = Files.list(Path.of("../bin"))) {
            for (Path l : launchers.toList()) {
                assertEquals("-rwxr-xr-x", modes.get("bin/" + l.getFileName()), "bin/" + l.getFileName());
            }
        }
        assertTrue(modes.containsKey("bin/vigil") && modes.containsKey("bin/vigild"), modes.keySet().toString());
        assertTrue(Files.isRegularFile(home.resolve("lib/vigil-cli.jar")));
        try (Stream<Path> jars = Files.list(Path.of("target/lib"))) {
            for (Path j : jars.toList()) {
                assertTrue(Files.isRegularFile(home.resolve("lib").resolve(j.getFileName())), "lib/" + j.getFileName());
            }
        }
        assertEquals("-rwxr-xr-x", modes.get("lib/agents/ocf/vigil/Daemon"));
        assertEquals("-rwxr-xr-x", modes.get("lib/agents/compat/crm_attribute"));
    }

    @Test
    void sampleConfigurationIsThereAndTheKeyFileIsPrivate() throws Exception {
        assertEquals("-rw-------", modes.get("etc/vigil/authkeys"));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("etc/vigil/authkeys"))));
        Processes.Result verify = vigil("verify", "-x", home.resolve("etc/vigil/cib.xml").toString());
        assertEquals(0, verify.exit(), verify.toString());

        // The sample holds no key on purpose; with one, and this node named, ha.cf passes the check.
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("ha.cf"), Files.readString(home.resolve("etc/vigil/ha.cf"))
                + "nodename node1\n");
        Files.copy(home.resolve("etc/vigil/authkeys"), etc.resolve("authkeys"));
        Processes.Result refused = run(List.of("bin/vigild", "-c", etc.resolve("ha.cf").toString(), "--check"));
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.output().contains("authkeys"), refused.output());
        Files.writeString(etc.resolve("authkeys"), "auth 1\n1 sha256 0123456789abcdef0123456789abcdef\n");
        Processes.Result ok = run(List.of("bin/vigild", "-c", etc.resolve("ha.cf").toString(), "--check"));
        assertEquals(0, ok.exit(), ok.toString());
    }

    @Test
    void systemdUnitsStartAfterTheNetworkAndRestartAfterACrash() throws IOException {
        for (String unit : List.of("vigild", "vigil-quorumd")) {
            String text = Files.readString(home.resolve("lib/systemd/system/" + unit + ".service"));
            for (String line : List.of("Wants=network-online.target", "After=network-online.target",
                    "Restart=on-failure", "ExecStart=/opt/vigil/bin/" + unit + " ", "WantedBy=multi-user.target")) {
                assertTrue(text.contains(line), unit + ".service lacks " + line);
            }
        }
        String vigild = Files.readString(home.resolve("lib/systemd/system/vigild.service"));
        assertTrue(vigild.contains("KillMode=process") && vigild.contains("RestartPreventExitStatus=1 100"), vigild);
    }

    @Test
    void manPagesCoverEveryCommand() throws Exception {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> s = Files.walk(home.resolve("share/man"))) {
            s.filter(Files::isRegularFile).forEach(p -> pages.add(home.resolve("share/man").relativize(p).toString()));
        }
        for (String p : List.of("man1/vigil.1", "man1/vigil-demo.1", "man1/vigil-status.1", "man1/vigil-ra-exec.1",
                "man8/vigild.8", "man8/vigil-quorumd.8")) {
            assertTrue(pages.contains(p), p + " missing from " + pages);
        }
        String vigil = Files.readString(home.resolve("share/man/man1/vigil.1"));
        assertTrue(vigil.contains(".TH \"VIGIL\" 1") && vigil.contains(".SH NAME") && vigil.contains("vigil\\-demo"),
                vigil);
    }

    @Test
    void launchersRunFromTheUnpackedTree() throws Exception {
        Processes.Result help = run(List.of("bin/vigil", "--help"));
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.output().contains("demo") && help.output().contains("daemon"), help.output());
        Processes.Result agents = run(List.of("bin/vigil", "ra", "list", "ocf:vigil"));
        assertEquals(0, agents.exit(), agents.toString());
        assertTrue(agents.output().contains("ocf:vigil:Daemon"), agents.output());
        if (Files.exists(home.resolve("bin/vigil-quorumd"))) {
            Processes.Result quorumd = run(List.of("bin/vigil-quorumd", "--help"));
            assertEquals(0, quorumd.exit(), quorumd.toString());
        }
    }

    private static Processes.Result vigil(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bin/vigil"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs {@code cmd} in the unpacked tree; a first word starting with "bin/" is a launcher of the tree. */
    private static Processes.Result run(List<String> cmd) throws Exception {
        List<String> c = new ArrayList<>(cmd);
        if (c.get(0).startsWith("bin/")) {
            c.set(0, home.resolve(c.get(0)).toString());
        }
        return Processes.run(home, Map.of(), TIMEOUT, c);
    }
}
