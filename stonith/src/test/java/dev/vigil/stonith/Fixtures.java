package dev.vigil.stonith;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.FencingLevel;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: small CIB models with fence devices, and executable fake scripts. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A CIB under construction. */
    public static final class CibBuilder {
        private final Map<String, String> options = new LinkedHashMap<>();
        private final List<Resource> resources = new ArrayList<>();
        private final List<FencingLevel> levels = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();

        public CibBuilder option(String name, String value) {
            options.put(name, value);
            return this;
        }

        /** A stonith primitive; params as alternating name, value. */
        public CibBuilder device(String id, String type, String... params) {
            return device(id, type, Map.of(), params);
        }

        public CibBuilder device(String id, String type, Map<String, String> meta, String... params) {
            resources.add(primitive(id, type, meta, List.of(), params));
            return this;
        }

        public CibBuilder resource(Resource r) {
            resources.add(r);
            return this;
        }

        public CibBuilder constraint(Constraint c) {
            constraints.add(c);
            return this;
        }

        public CibBuilder level(String target, int index, String... devices) {
            levels.add(new FencingLevel("fl-" + target + "-" + index, target, null, index, List.of(devices)));
            return this;
        }

        public CibBuilder patternLevel(String pattern, int index, String... devices) {
            levels.add(new FencingLevel("fl-p-" + index + "-" + levels.size(), null, pattern, index,
                    List.of(devices)));
            return this;
        }

        public Cib build() {
            return new Cib(new CibVersion(0, 1, 0), "pacemaker-3.9", null, true, options, Map.of(), Map.of(),
                    List.of(), resources, constraints, levels, Map.of(), List.of());
        }
    }

    public static CibBuilder cib() {
        return new CibBuilder();
    }

    public static Primitive primitive(String id, String type, Map<String, String> meta, List<Operation> ops,
            String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new Primitive(id, "stonith", null, type, meta, p, Map.of(), ops);
    }

    /** Writes an executable {@code #!/bin/sh} script. */
    public static Path script(Path dir, String name, String body) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fake fence agent: appends its stdin (one line per call, fields separated by spaces) to
     * {@code calls.log} in its directory, prints metadata advertising {@code actions}, and runs
     * {@code behaviour} (shell code that sees {@code $action}, {@code $plug}, {@code $port},
     * {@code $nodename}) for the other actions.
     */
    public static Path fakeAgent(Path dir, String name, String actions, String behaviour) {
        StringBuilder md = new StringBuilder();
        md.append("<?xml version=\"1.0\" ?>\n<resource-agent name=\"").append(name)
                .append("\" shortdesc=\"Fake agent\">\n<longdesc>fake</longdesc>\n<parameters>\n")
                .append("<parameter name=\"plug\" unique=\"0\" required=\"0\"><content type=\"string\"/>")
                .append("<shortdesc lang=\"en\">Plug</shortdesc></parameter>\n</parameters>\n<actions>\n");
        for (String a : actions.split(",")) {
            md.append("<action name=\"").append(a.trim()).append("\"/>\n");
        }
        md.append("<action name=\"metadata\"/>\n</actions>\n</resource-agent>\n");
        String body = "dir=$(dirname \"$0\")\n"
                + "input=$(cat)\n"
                + "action=$(echo \"$input\" | sed -n 's/^action=//p')\n"
                + "plug=$(echo \"$input\" | sed -n 's/^plug=//p')\n"
                + "port=$(echo \"$input\" | sed -n 's/^port=//p')\n"
                + "nodename=$(echo \"$input\" | sed -n 's/^nodename=//p')\n"
                + "if [ \"$action\" = metadata ]; then cat <<'XML'\n" + md + "XML\nexit 0; fi\n"
                + "echo \"$(basename \"$0\") $(echo $input)\" >> \"$dir/calls.log\"\n"
                + behaviour + "\n";
        return script(dir, name, body);
    }

    /** The calls a fake agent (or several in the same directory) recorded, one line each. */
    public static List<String> calls(Path dir) {
        Path log = dir.resolve("calls.log");
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
