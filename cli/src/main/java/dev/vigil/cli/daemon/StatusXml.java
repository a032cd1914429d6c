package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import dev.vigil.cib.xml.XmlText;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.Cib;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlacementFacts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil status --output-as xml}, laid out like {@code crm_mon --output-as xml}: a
 * {@code <vigil-status>} root with {@code summary}, {@code nodes}, {@code resources} (primitives,
 * groups and clones with crm_mon's attribute names), {@code failures}, plus Vigil's {@code links},
 * {@code fail_counts}, {@code fence_history} and {@code warnings}. Stateless.
 */
final class StatusXml {
    private StatusXml() {
    }

    static String render(ClusterReport r) {
        ClusterSnapshot s = r.snapshot();
        List<XmlNode> root = new ArrayList<>();
        root.add(summary(r));
        if (!s.isOffline()) {
            List<XmlNode> links = new ArrayList<>();
            for (JsonNode l : s.status().path("links")) {
                links.add(el("link", attrs("name", l.path("name").asText(), "up", l.path("up").asText(),
                        "reachable", join(l.path("reachable")))));
            }
            root.add(el("links", Map.of(), links));
        }
        List<XmlNode> nodes = new ArrayList<>();
        for (ClusterReport.NodeRow n : r.nodes()) {
            nodes.add(el("node", attrs("name", n.name(), "id", n.id(), "online", b(n.online()), "standby",
                    b(n.standby()), "maintenance", b(n.maintenance()), "pending", b(n.pending()), "unclean",
                    b(n.unclean()), "is_dc", b(n.dc()), "member", b(n.member()), "resources_running",
                    Integer.toString(n.running()), "type", "member")));
        }
        root.add(el("nodes", Map.of(), nodes));
        List<XmlNode> resources = new ArrayList<>();
        for (ClusterView.ResourceEntry e : r.transition().before().resources()) {
            resources.add(resource(e, r.facts()));
        }
        root.add(el("resources", Map.of(), resources));
        List<XmlNode> failures = new ArrayList<>();
        for (ClusterReport.FailedAction f : r.failedActions()) {
            failures.add(el("failure", attrs("op_key", f.opKey(), "node", f.node(), "exitstatus", f.rcText(),
                    "exitreason", f.exitReason(), "exitcode", Integer.toString(f.rc()), "call",
                    Integer.toString(f.callId()), "status", Integer.toString(f.execStatus()), "last-rc-change",
                    Long.toString(f.lastRcChange()), "interval", Long.toString(f.intervalMs()), "task",
                    f.operation())));
        }
        root.add(el("failures", Map.of(), failures));
        List<XmlNode> counts = new ArrayList<>();
        for (ClusterReport.FailCount f : r.failCounts()) {
            counts.add(el("fail_count", attrs("node", f.node(), "resource", f.resource(), "count",
                    Integer.toString(f.count()), "last_failure", Long.toString(f.lastFailure()))));
        }
        root.add(el("fail_counts", Map.of(), counts));
        if (!s.isOffline()) {
            root.add(fenceHistory(s.status().path("fencing_history")));
            List<XmlNode> warnings = new ArrayList<>();
            for (JsonNode w : s.status().path("warnings")) {
                warnings.add(new XmlElement("warning", Map.of(), List.of(new XmlText(w.asText())), 0));
            }
            root.add(el("warnings", Map.of(), warnings));
        }
        root.add(el("status", attrs("code", "0", "message", "OK")));
        return "<?xml version=\"1.0\"?>\n" + XmlWriter.toXml(el("vigil-status",
                attrs("api-version", "1.0", "request", "vigil status --output-as xml"), root));
    }

    private static XmlElement summary(ClusterReport r) {
        ClusterSnapshot s = r.snapshot();
        Cib cib = s.cib();
        List<XmlNode> children = new ArrayList<>();
        children.add(el("stack", attrs("type", "vigil")));
        JsonNode quorum = s.isOffline() ? null : s.status().get("quorum");
        Map<String, String> dc = attrs("present", b(s.dc() != null));
        if (s.dc() != null) {
            dc.put("name", s.dc());
            dc.put("with_quorum", b(quorum != null && quorum.has("quorate") ? quorum.get("quorate").asBoolean()
                    : cib.haveQuorum()));
        }
        children.add(el("current_dc", dc));
        if (s.localNode() != null) {
            children.add(el("this_node", attrs("name", s.localNode())));
        }
        if (quorum != null && quorum.isObject()) {
            Map<String, String> q = new LinkedHashMap<>();
            quorum.fields().forEachRemaining(f -> q.put(f.getKey().replace('_', '-'), f.getValue().isValueNode()
                    ? f.getValue().asText() : f.getValue().toString()));
            children.add(el("quorum", q));
        }
        children.add(el("cib_version", attrs("value", cib.version().toString())));
        children.add(el("nodes_configured", attrs("number", Integer.toString(cib.nodes().size()))));
        long disabled = r.facts().resources().stream().filter(f -> f.parent() == null
                && f.targetRole().equals("Stopped")).count();
        int instances = cib.resources().stream().mapToInt(x -> x.primitives().size()).sum();
        children.add(el("resources_configured", attrs("number", Integer.toString(instances), "disabled",
                Long.toString(disabled))));
        children.add(el("cluster_options", attrs("stonith-enabled", b(cib.fencingEnabled()), "symmetric-cluster",
                b(r.facts().symmetric()), "no-quorum-policy",
                cib.clusterProperties().getOrDefault("no-quorum-policy", "stop"), "maintenance-mode",
                cib.clusterProperties().getOrDefault("maintenance-mode", "false"), "stop-all-resources",
                b(r.facts().stopAll()))));
        if (!s.isOffline() && !s.status().path("transition").asText("").isEmpty()) {
            children.add(el("transition", attrs("state", s.status().path("transition").asText())));
        }
        return el("summary", Map.of(), children);
    }

    private static XmlElement resource(ClusterView.ResourceEntry e, PlacementFacts facts) {
        String target = facts.resource(e.id()).map(PlacementFacts.ResourceFact::targetRole).orElse("Started");
        switch (e.kind()) {
            case "primitive" -> {
                List<XmlNode> nodes = new ArrayList<>();
                for (ClusterView.Placement p : e.placements()) {
                    nodes.add(el("node", attrs("name", p.node(), "cached", "true")));
                }
                String role = e.placements().isEmpty() ? "Stopped" : e.placements().get(0).role();
                return el("resource", attrs("id", e.id(), "resource_agent", e.agent(), "role", role, "target_role",
                        target, "active", b(!e.placements().isEmpty()), "orphaned", "false", "managed",
                        b(e.managed()), "failed", b(StatusJson.failed(e)), "nodes_running_on",
                        Integer.toString(e.placements().size())), nodes);
            }
            case "group" -> {
                List<XmlNode> members = new ArrayList<>();
                e.children().forEach(c -> members.add(resource(c, facts)));
                return el("group", attrs("id", e.id(), "number_resources", Integer.toString(e.children().size()),
                        "managed", b(e.managed()), "disabled", b(target.equals("Stopped"))), members);
            }
            default -> {
                List<XmlNode> instances = new ArrayList<>();
                e.children().forEach(c -> instances.add(resource(c, facts)));
                return el("clone", attrs("id", e.id(), "multi_state", b(e.promotable()), "unique", b(e.unique()),
                        "managed", b(e.managed()), "disabled", b(target.equals("Stopped")), "failed",
                        b(StatusJson.failed(e))), instances);
            }
        }
    }

    private static XmlElement fenceHistory(JsonNode events) {
        List<XmlNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            Map<String, String> a = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                a.put(f.getKey(), f.getValue().isArray() ? join(f.getValue()) : f.getValue().asText());
            }
            out.add(el("fence_event", a));
        }
        return el("fence_history", Map.of(), out);
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(" ", out);
    }

    private static String b(boolean v) {
        return Boolean.toString(v);
    }

    /** Attributes from name/value pairs; null values are left out. */
    private static Map<String, String> attrs(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                m.put(nameValue[i], nameValue[i + 1]);
            }
        }
        return m;
    }

    private static XmlElement el(String name, Map<String, String> attributes) {
        return el(name, attributes, List.of());
    }

    private static XmlElement el(String name, Map<String, String> attributes, List<XmlNode> children) {
        return new XmlElement(name, attributes, children, 0);
    }
}
