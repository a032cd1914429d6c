package dev.vigil.core.scheduler;

import dev.vigil.core.model.Cib;
import java.util.Locale;
import java.util.Map;

/** Cluster options from {@code crm_config} that steer scheduling, with Pacemaker's defaults. */
record Options(boolean fencingEnabled, boolean symmetric, String noQuorumPolicy, boolean haveQuorum,
               boolean stopOrphanResources, boolean stopOrphanActions, boolean startFailureIsFatal,
               boolean maintenanceMode, boolean stopAllResources, String placementStrategy,
               boolean startupFencing, String fencingAction, Map<String, String> resourceDefaults,
               Map<String, String> operationDefaults, String nodeHealthStrategy, int healthRed, int healthYellow,
               int healthGreen) {

    static Options from(Cib cib) {
        Map<String, String> p = cib.clusterProperties();
        return new Options(cib.fencingEnabled(),
                isTrue(p.getOrDefault("symmetric-cluster", "true")),
                noQuorumPolicy(cib),
                cib.haveQuorum(),
                isTrue(p.getOrDefault("stop-orphan-resources", "true")),
                isTrue(p.getOrDefault("stop-orphan-actions", "true")),
                cib.startFailureIsFatal(),
                isTrue(p.getOrDefault("maintenance-mode", "false")),
                isTrue(p.getOrDefault("stop-all-resources", "false")),
                p.getOrDefault("placement-strategy", "default").toLowerCase(Locale.ROOT),
                isTrue(p.getOrDefault("startup-fencing", "true")),
                p.getOrDefault("fencing-action", p.getOrDefault("stonith-action", "reboot")),
                cib.resourceDefaults(), cib.operationDefaults(),
                p.getOrDefault("node-health-strategy", "none").toLowerCase(Locale.ROOT),
                healthScore(p.get("node-health-red"), -dev.vigil.core.model.Score.INFINITY),
                healthScore(p.get("node-health-yellow"), 0), healthScore(p.get("node-health-green"), 0));
    }

    /**
     * {@code no-quorum-policy} as it applies now. As Pacemaker's {@code unpack_config}: {@code suicide} (and
     * its newer name {@code fence}) becomes {@code fence} only with fencing enabled and a partition that has
     * quorum or had it ({@code no-quorum-panic}); otherwise {@code stop}. Unknown values mean {@code stop}.
     */
    private static String noQuorumPolicy(Cib cib) {
        String v = cib.clusterProperties().getOrDefault("no-quorum-policy", "stop").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "ignore", "freeze", "demote", "stop" -> v;
            case "suicide", "fence" -> cib.fencingEnabled() && (cib.haveQuorum() || cib.noQuorumPanic()) ? "fence"
                    : "stop";
            default -> "stop";
        };
    }

    private static int healthScore(String v, int fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return dev.vigil.core.model.Score.parse(v).value();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static boolean isTrue(String v) {
        return dev.vigil.core.model.Booleans.isTrue(v);
    }

    /** Whether a node-state flag value such as {@code in_ccm="true"} or a timestamp means "yes". */
    static boolean isSet(String v) {
        if (v == null) {
            return false;
        }
        if (isTrue(v) || "online".equalsIgnoreCase(v)) {
            return true;
        }
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
