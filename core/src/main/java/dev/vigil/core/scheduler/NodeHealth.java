package dev.vigil.core.scheduler;

import dev.vigil.core.model.Score;
import java.util.Map;

/**
 * Node health ({@code #health-*} node attributes) turned into a score every resource gets on that
 * node, by the cluster's {@code node-health-strategy}: none, migrate-on-red, only-green, progressive
 * or custom, as Pacemaker Explained describes.
 */
final class NodeHealth {
    private NodeHealth() {
    }

    static int score(Options o, NodeView n) {
        String strategy = o.nodeHealthStrategy();
        if (strategy.equals("none")) {
            return 0;
        }
        int red = strategy.equals("migrate-on-red") || strategy.equals("only-green") ? -Score.INFINITY : o.healthRed();
        int yellow = switch (strategy) {
            case "migrate-on-red" -> 0;
            case "only-green" -> -Score.INFINITY;
            default -> o.healthYellow();
        };
        int green = strategy.equals("migrate-on-red") || strategy.equals("only-green") ? 0 : o.healthGreen();
        int total = 0;
        for (Map.Entry<String, String> e : n.attributes.entrySet()) {
            if (!e.getKey().startsWith("#health")) {
                continue;
            }
            String v = e.getValue().trim().toLowerCase(java.util.Locale.ROOT);
            int s = switch (v) {
                case "red" -> red;
                case "yellow" -> yellow;
                case "green" -> green;
                default -> ResourceBuilder.intScore(v, 0);
            };
            total = Score.add(total, s);
        }
        return total;
    }
}
