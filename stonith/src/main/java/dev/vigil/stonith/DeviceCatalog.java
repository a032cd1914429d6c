package dev.vigil.stonith;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Constraint;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.FencingLevel;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.stonith.topology.DeviceSpec;
import dev.vigil.stonith.topology.Topology;
import dev.vigil.stonith.watchdog.WatchdogFenceDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fence devices and topology of one CIB, as seen from the local node. Immutable snapshot:
 * a CIB update makes a new one.
 *
 * @param specs the usable device configurations by id, in document order (the implicit
 *        {@code watchdog} device last)
 * @param broken devices whose fencing parameters are malformed: id to the problem
 * @param disabled devices nobody may use ({@code target-role=Stopped})
 * @param bannedHere devices a {@code -INFINITY} location constraint keeps off the local node
 * @param levels the {@code fencing-topology}
 * @param stonithTimeout the cluster's {@code stonith-timeout}: the action timeout of devices
 *        without their own
 */
record DeviceCatalog(Map<String, DeviceSpec> specs, Map<String, String> broken, Set<String> disabled,
        Set<String> bannedHere, List<FencingLevel> levels, Duration stonithTimeout, List<String> problems) {

    static final Duration DEFAULT_STONITH_TIMEOUT = Duration.ofSeconds(60);
    static final String IMPLICIT_WATCHDOG = "watchdog";

    DeviceCatalog {
        specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        broken = Map.copyOf(broken);
        disabled = Set.copyOf(disabled);
        bannedHere = Set.copyOf(bannedHere);
        levels = List.copyOf(levels);
        problems = List.copyOf(problems);
    }

    static DeviceCatalog empty() {
        return new DeviceCatalog(Map.of(), Map.of(), Set.of(), Set.of(), List.of(), DEFAULT_STONITH_TIMEOUT,
                List.of());
    }

    static DeviceCatalog from(Cib cib, String localNode, boolean watchdogDriverAvailable) {
        Map<String, String> options = cib.clusterProperties();
        Map<String, DeviceSpec> specs = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Set<String> disabled = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Resource r : cib.resources()) {
            for (Primitive p : r.primitives()) {
                if (!p.isFencingDevice()) {
                    continue;
                }
                try {
                    DeviceSpec spec = DeviceSpec.from(p, options);
                    if (spec.enabled()) {
                        specs.put(p.id(), spec);
                    } else {
                        disabled.add(p.id());
                    }
                } catch (IllegalArgumentException e) {
                    broken.put(p.id(), e.getMessage());
                    problems.add(e.getMessage());
                }
            }
        }
        if (watchdogDriverAvailable && WatchdogFenceDriver.isEnabled(options) && !specs.containsKey(IMPLICIT_WATCHDOG)
                && !broken.containsKey(IMPLICIT_WATCHDOG) && !disabled.contains(IMPLICIT_WATCHDOG)) {
            Primitive implicit = new Primitive(IMPLICIT_WATCHDOG, "stonith", null, WatchdogFenceDriver.NAME,
                    Map.of(), Map.of("priority", Integer.toString(Integer.MIN_VALUE)), Map.of(), List.of());
            specs.put(IMPLICIT_WATCHDOG, DeviceSpec.from(implicit, options));
        }
        Duration timeout = DEFAULT_STONITH_TIMEOUT;
        String t = options.get("stonith-timeout");
        if (t != null) {
            long ms = Durations.parseMillis(t, -1);
            if (ms > 0) {
                timeout = Duration.ofMillis(ms);
            } else {
                problems.add("cluster option stonith-timeout '" + t + "' is not a positive duration; using "
                        + DEFAULT_STONITH_TIMEOUT.toSeconds() + "s");
            }
        }
        problems.addAll(Topology.problems(cib.fencingLevels()));
        return new DeviceCatalog(specs, broken, disabled, bannedOn(cib, localNode), cib.fencingLevels(), timeout,
                problems);
    }

    /** Devices a {@code -INFINITY} location constraint (without rules) keeps off {@code node}. */
    private static Set<String> bannedOn(Cib cib, String node) {
        Set<String> out = new TreeSet<>();
        for (Constraint c : cib.constraints()) {
            if (c instanceof LocationConstraint) {
                LocationConstraint l = (LocationConstraint) c;
                if (node.equals(l.node()) && l.resource() != null && l.score() != null
                        && l.score().isNegativeInfinity() && l.rules().isEmpty()) {
                    out.add(l.resource());
                }
            }
        }
        return out;
    }

    /** The usable devices in the order Pacemaker tries them without a topology: priority, then id. */
    List<DeviceSpec> byPriority() {
        List<DeviceSpec> list = new ArrayList<>(specs.values());
        list.sort(Comparator.comparingInt(DeviceSpec::priority).reversed().thenComparing(DeviceSpec::id));
        return list;
    }

    /** Why device {@code id} cannot be used from this node, or null when it can. */
    String unusableReason(String id) {
        if (broken.containsKey(id)) {
            return broken.get(id);
        }
        if (disabled.contains(id)) {
            return "fence device '" + id + "' is disabled (target-role=Stopped)";
        }
        if (!specs.containsKey(id)) {
            return "there is no fence device '" + id + "' (no primitive of class stonith with that id)";
        }
        if (bannedHere.contains(id)) {
            return "fence device '" + id + "' is banned from this node by a -INFINITY location constraint";
        }
        return null;
    }
}
