package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link CibFileStoreKillTest}: writes CIB versions epoch 1, 2, 3 ... to the
 * directory in {@code args[0]}, printing {@code acked N} after each write returns, until killed or
 * until its standard input closes (the parent test is gone).
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Thread parentWatch = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent sends nothing; end of input means it went away
                }
            } catch (IOException e) {
                // treated as end of input
            }
            System.exit(3);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();

        CibFileStore store = new CibFileStore(Path.of(args[0]), 5, java.time.Clock.systemUTC());
        XmlElement bulky = withProperties(TestCibs.atEpoch(1), 400);
        for (long epoch = 1; epoch < 1_000_000; epoch++) {
            store.write(CibVersions.withVersion(bulky, new dev.vigil.core.model.CibVersion(0, epoch, 0)));
            System.out.println("acked " + epoch);
            System.out.flush();
        }
    }

    /** Adds {@code count} cluster properties, so one write is some tens of kilobytes, like a real CIB. */
    private static XmlElement withProperties(XmlElement cib, int count) {
        XmlElement configuration = cib.element("configuration");
        XmlElement crmConfig = configuration.element("crm_config");
        List<XmlNode> nvpairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nvpairs.add(new XmlElement("nvpair", Map.of("id", "bulk-" + i, "name", "bulk-" + i,
                    "value", "a value long enough to make the file larger " + i), List.of(), 0));
        }
        XmlElement set = new XmlElement("cluster_property_set", Map.of("id", "bulk"), nvpairs, 0);
        List<XmlNode> crmChildren = new ArrayList<>(crmConfig.children());
        crmChildren.add(set);
        List<XmlNode> confChildren = new ArrayList<>();
        for (XmlNode n : configuration.children()) {
            confChildren.add(n == crmConfig ? crmConfig.withChildren(crmChildren) : n);
        }
        List<XmlNode> rootChildren = new ArrayList<>();
        for (XmlNode n : cib.children()) {
            rootChildren.add(n == configuration ? configuration.withChildren(confChildren) : n);
        }
        return cib.withChildren(rootChildren);
    }
}
