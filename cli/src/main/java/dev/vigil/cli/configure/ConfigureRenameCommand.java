package dev.vigil.cli.configure;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.cli.admin.DryRunOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil configure rename OLD NEW}: a new id for an object, and every reference to it. */
@Command(name = "rename", mixinStandardHelpOptions = true,
        description = {"Give an object a new id and update every reference to it (groups, constraints,",
                "resource sets, fencing levels). A running resource is restarted under its new name."})
public final class ConfigureRenameCommand implements Callable<Integer> {
    /** Attributes whose value is the id of another object. */
    private static final Set<String> REFERENCES = Set.of("rsc", "with-rsc", "first", "then", "rsc-pattern",
            "template", "node-attribute-ref");

    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Mixin
    DryRunOption dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "With -x: write the new CIB here.")
    Path output;

    @Parameters(index = "0", paramLabel = "OLD", description = "The current id.")
    String from;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new id.")
    String to;

    @Override
    public Integer call() throws IOException {
        return ConfigChange.edit(spec, "vigil configure rename: ", cib, dryRun, output, root -> {
            XmlElement conf = root.element("configuration");
            if (conf == null || !hasId(conf, from)) {
                throw new IllegalArgumentException("no object with id '" + from + "' in the configuration");
            }
            if (hasId(root, to)) {
                throw new IllegalArgumentException("id '" + to + "' is already taken");
            }
            XmlElement renamed = rename(conf, true);
            List<XmlNode> children = new ArrayList<>();
            for (XmlNode n : root.children()) {
                children.add(n == conf ? renamed : n);
            }
            return root.withChildren(children);
        });
    }

    private static boolean hasId(XmlElement e, String id) {
        if (id.equals(e.attr("id"))) {
            return true;
        }
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c && hasId(c, id)) {
                return true;
            }
        }
        return false;
    }

    private XmlElement rename(XmlElement e, boolean top) {
        XmlElement out = e;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String v = a.getValue();
            if (a.getKey().equals("id") && v.equals(from)) {
                out = out.withAttribute("id", to);
            } else if (REFERENCES.contains(a.getKey()) && v.equals(from)) {
                out = out.withAttribute(a.getKey(), to);
            } else if (a.getKey().equals("id") && e.name().equals("resource_ref") && v.equals(from)) {
                out = out.withAttribute("id", to);
            } else if (a.getKey().equals("devices") && e.name().equals("fencing-level")) {
                List<String> devices = new ArrayList<>();
                for (String d : v.split(",")) {
                    devices.add(d.equals(from) ? to : d);
                }
                out = out.withAttribute("devices", String.join(",", devices));
            }
        }
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode n : e.children()) {
            children.add(n instanceof XmlElement c ? rename(c, false) : n);
        }
        return out.withChildren(children);
    }
}
