package dev.vigil.cib.document;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.validate.CibValidator;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.CibDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The live CIB of a node: an immutable XML tree replaced by every change. Configuration changes
 * are validated first (a change that would make the configuration invalid is refused with the
 * validator's messages and nothing changes); every accepted change is persisted before the call
 * returns. Not thread-safe: owned by the controller's event loop.
 */
public final class XmlCibDocument implements CibDocument {
    private static final Set<String> SECTIONS = Set.of("crm_config", "nodes", "resources", "constraints",
            "rsc_defaults", "op_defaults", "fencing-topology", "tags", "alerts");
    private static final DateTimeFormatter LAST_WRITTEN = DateTimeFormatter
            .ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CibPersistence persistence;
    private final Clock clock;
    private XmlElement root;
    private Cib model;

    public XmlCibDocument(XmlElement root, CibPersistence persistence, Clock clock) {
        this.persistence = persistence;
        this.clock = clock;
        set(root);
    }

    @Override
    public CibVersion version() {
        return model.version();
    }

    @Override
    public Cib model() {
        return model;
    }

    @Override
    public String toXml() {
        return XmlWriter.toXml(root);
    }

    public XmlElement root() {
        return root;
    }

    @Override
    public List<String> apply(CibChange change) {
        XmlElement next;
        try {
            next = edit(change);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (change.isConfiguration()) {
            List<String> problems = errors(next);
            if (!problems.isEmpty()) {
                return problems;
            }
            next = bump(next, true);
        } else {
            next = bump(next, false);
        }
        try {
            persistence.write(next);
        } catch (IOException e) {
            return List.of("could not write the CIB to disk, change not applied: " + e.getMessage());
        }
        set(next);
        return List.of();
    }

    @Override
    public void adopt(String xml) {
        XmlElement parsed = parse(xml, "replicated CIB");
        List<String> problems = errors(parsed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the CIB is invalid: " + String.join("; ", problems));
        }
        try {
            persistence.write(parsed);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not write the CIB to disk: " + e.getMessage(), e);
        }
        set(parsed);
    }

    private void set(XmlElement newRoot) {
        CibReader.Result r = CibReader.read(newRoot);
        this.root = newRoot;
        this.model = r.cib();
    }

    private XmlElement edit(CibChange change) {
        if (change instanceof CibChange.Attributed a) {
            if (a.expectedEpoch() != null && !a.expectedEpoch().isEmpty()) {
                String now = version().adminEpoch() + "." + version().epoch();
                if (!now.equals(a.expectedEpoch())) {
                    throw new IllegalArgumentException("the configuration changed since it was read (it was at "
                            + a.expectedEpoch() + ", it is now at " + now + "); read it again and redo the change");
                }
            }
            return edit(a.change()).withAttribute("update-user", a.user()).withAttribute("update-client", a.client())
                    .withAttribute("update-origin", a.origin());
        }
        XmlElement status = section(root, "status");
        if (change instanceof CibChange.NodeJoined j) {
            XmlElement withNode = ensureNode(root, j.node());
            return withSection(withNode, StatusEditor.joined(section(withNode, "status"), j.node(), j.bootId()));
        } else if (change instanceof CibChange.NodeLeft l) {
            return withSection(root, StatusEditor.left(status, l.node()));
        } else if (change instanceof CibChange.NodeFenced f) {
            return withSection(root, StatusEditor.fenced(status, f.node()));
        } else if (change instanceof CibChange.NodeHistoryCleared c) {
            return withSection(root, StatusEditor.clearHistory(status, c.node()));
        } else if (change instanceof CibChange.OperationRecorded o) {
            return withSection(root, StatusEditor.recordOperation(status, o.node(), o.resourceId(), o.agent(),
                    o.record()));
        } else if (change instanceof CibChange.NodeAttributesChanged a) {
            return withSection(root, StatusEditor.attributes(status, a.node(), a.values()));
        } else if (change instanceof CibChange.DcChanged d) {
            XmlElement out = root.withAttribute("dc-uuid", d.dcNode()).withAttribute("have-quorum",
                    d.haveQuorum() ? "1" : "0");
            if (d.noQuorumPanic()) {
                return out.withAttribute("no-quorum-panic", "1");
            }
            java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>(out.attributes());
            return attributes.remove("no-quorum-panic") == null ? out
                    : new XmlElement(out.name(), attributes, out.children(), out.line());
        } else if (change instanceof CibChange.ConfigurationReplaced r) {
            XmlElement other = parse(r.cibXml(), "new CIB");
            XmlElement conf = other.element("configuration");
            if (conf == null) {
                throw new IllegalArgumentException("the new CIB has no <configuration> section");
            }
            XmlElement out = withSection(root, conf);
            long epoch = Math.max(version().epoch(), parseLong(other.attr("epoch"), 0));
            long admin = Math.max(version().adminEpoch(), parseLong(other.attr("admin_epoch"), 0));
            return out.withAttribute("epoch", Long.toString(epoch)).withAttribute("admin_epoch", Long.toString(admin));
        } else if (change instanceof CibChange.ConfigurationModified m) {
            return modify(parse(m.fragmentXml(), "configuration fragment"));
        } else if (change instanceof CibChange.ConfigurationElementDeleted d) {
            return delete(d.id());
        } else if (change instanceof CibChange.ResourceCleanup c) {
            return withSection(root, StatusCleanup.apply(status, StatusCleanup.plan(root, c.resourceId(), c.node())));
        }
        return withSection(root, editConfiguration(section(root, "configuration"), change));
    }

    /** The administration edits ({@code crm_resource}, {@code crm_attribute}) of the configuration. */
    private XmlElement editConfiguration(XmlElement conf, CibChange change) {
        if (change instanceof CibChange.ResourceMetaSet m) {
            return ConfigurationEditor.resourceMeta(conf, m.resourceId(), m.name(), m.value());
        } else if (change instanceof CibChange.NodeConfigAttributeSet a) {
            return ConfigurationEditor.nodeAttribute(conf, root.element("status"), a.node(), a.name(), a.value());
        } else if (change instanceof CibChange.LocationConstraintSet l) {
            return ConfigurationEditor.location(conf, parse(l.constraintXml(), "location constraint"));
        } else if (change instanceof CibChange.MoveConstraintsCleared c) {
            return MoveConstraints.clear(conf, c.resourceId(), c.node());
        }
        throw new IllegalArgumentException("unsupported change " + change);
    }

    private XmlElement modify(XmlElement fragment) {
        XmlElement conf = section(root, "configuration");
        if (fragment.name().equals("configuration")) {
            XmlElement out = conf;
            for (XmlElement s : fragment.elements()) {
                out = mergeSection(out, s);
            }
            return withSection(root, out);
        }
        if (SECTIONS.contains(fragment.name())) {
            return withSection(root, mergeSection(conf, fragment));
        }
        if (fragment.attr("id") == null) {
            throw new IllegalArgumentException("<" + fragment.name() + "> has no id: a change must name a "
                    + "configuration section or an element with an id");
        }
        Optional<XmlElement> replaced = Trees.replaceById(conf, fragment);
        return withSection(root, replaced.orElseThrow(() -> new IllegalArgumentException("there is no "
                + fragment.describe() + " in the configuration to change")));
    }

    private static XmlElement mergeSection(XmlElement conf, XmlElement section) {
        return Trees.upsert(conf, Trees.named(section.name()), Trees.element(section.name()), existing -> {
            XmlElement out = existing;
            for (XmlElement child : section.elements()) {
                String id = child.attr("id");
                out = id == null ? Trees.upsert(out, e -> false, child, e -> e)
                        : Trees.upsert(out, Trees.withId(child.name(), id), child, e -> child);
            }
            return out;
        });
    }

    private XmlElement delete(String id) {
        XmlElement conf = section(root, "configuration");
        XmlElement out = Trees.removeById(conf, id).orElseThrow(() -> new IllegalArgumentException(
                "there is no element with id '" + id + "' in the configuration"));
        XmlElement constraints = out.element("constraints");
        if (constraints != null) {
            XmlElement pruned = Trees.removeAll(constraints, c -> refersOnlyTo(c, id));
            out = Trees.upsert(out, Trees.named("constraints"), null, c -> pruned);
        }
        return withSection(root, out);
    }

    /** A simple (set-less) constraint naming the deleted resource goes with it. */
    private static boolean refersOnlyTo(XmlElement c, String id) {
        if (!c.elements("resource_set").isEmpty()) {
            return false;
        }
        for (String a : List.of("rsc", "with-rsc", "first", "then")) {
            if (id.equals(c.attr(a))) {
                return true;
            }
        }
        return false;
    }

    private static XmlElement ensureNode(XmlElement root, String node) {
        XmlElement conf = section(root, "configuration");
        XmlElement nodes = conf.element("nodes");
        boolean known = nodes != null && nodes.elements("node").stream()
                .anyMatch(n -> node.equals(n.attr("uname")) || node.equals(n.attr("id")));
        if (known) {
            return root;
        }
        XmlElement newConf = Trees.upsert(conf, Trees.named("nodes"), Trees.element("nodes"),
                ns -> Trees.upsert(ns, e -> false, Trees.element("node", "id", node, "uname", node), e -> e));
        return withSection(root, newConf).withAttribute("epoch", Long.toString(parseLong(root.attr("epoch"), 0) + 1))
                .withAttribute("num_updates", "-1");
    }

    private XmlElement bump(XmlElement e, boolean configuration) {
        long epoch = parseLong(e.attr("epoch"), 0);
        long updates = parseLong(e.attr("num_updates"), 0);
        if (configuration) {
            return e.withAttribute("epoch", Long.toString(epoch + 1)).withAttribute("num_updates", "0")
                    .withAttribute("cib-last-written", LAST_WRITTEN.format(clock.instant()));
        }
        return e.withAttribute("num_updates", Long.toString(updates + 1));
    }

    private static List<String> errors(XmlElement candidate) {
        if (!candidate.name().equals("cib")) {
            return List.of("the document's root is <" + candidate.name() + ">, not <cib>");
        }
        List<String> out = new ArrayList<>();
        for (ConfigProblem p : CibValidator.validate(candidate)) {
            if (p.isError()) {
                out.add(p.render("cib"));
            }
        }
        if (out.isEmpty()) {
            for (ConfigProblem p : CibReader.read(candidate).problems()) {
                if (p.isError()) {
                    out.add(p.render("cib"));
                }
            }
        }
        return out;
    }

    private static XmlElement section(XmlElement root, String name) {
        XmlElement s = root.element(name);
        return s != null ? s : Trees.element(name);
    }

    private static XmlElement withSection(XmlElement root, XmlElement section) {
        return Trees.upsert(root, Trees.named(section.name()), section, e -> section);
    }

    private static XmlElement parse(String xml, String what) {
        try {
            return XmlParser.parse(xml, what);
        } catch (XmlParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
