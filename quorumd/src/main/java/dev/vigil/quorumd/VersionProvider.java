package dev.vigil.quorumd;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code vigil-quorumd --version}: the Maven project version baked in at build time. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("quorumd-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown".
        }
        return new String[] {"vigil-quorumd " + p.getProperty("version", "unknown") + " (quorum protocol "
                + dev.vigil.quorumd.wire.Protocol.VERSION + ")"};
    }
}
