package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven filtered into {@code vigil-version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/vigil-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"vigil " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version")};
    }
}
