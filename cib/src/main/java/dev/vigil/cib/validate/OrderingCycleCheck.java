package dev.vigil.cib.validate;

import dev.vigil.cib.validate.OrderingGraph.Action;
import dev.vigil.cib.validate.OrderingGraph.Edge;
import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports loops of mandatory orderings, which Pacemaker cannot satisfy: each cycle once, as
 * {@code ordering cycle: A then B then A (constraints o1, o2)}. The search is iterative, so long
 * resource set chains cannot overflow the stack.
 */
final class OrderingCycleCheck {
    private OrderingCycleCheck() {
    }

    /** One step of the depth-first search: a node on the current path and how far its edges were tried. */
    private static final class Frame {
        final Action node;
        final Edge via;
        int next;

        Frame(Action node, Edge via) {
            this.node = node;
            this.via = via;
        }
    }

    static void run(ValidationContext ctx) {
        OrderingGraph g = OrderingGraph.build(ctx);
        Set<Action> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (Action start : g.out.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            Deque<Frame> path = new ArrayDeque<>();
            Map<Action, Integer> onPath = new HashMap<>();
            path.push(new Frame(start, null));
            onPath.put(start, 0);
            while (!path.isEmpty()) {
                Frame f = path.peek();
                List<Edge> edges = g.out.get(f.node);
                if (f.next >= edges.size()) {
                    path.pop();
                    onPath.remove(f.node);
                    done.add(f.node);
                    continue;
                }
                Edge e = edges.get(f.next++);
                Integer depth = onPath.get(e.to());
                if (depth != null) {
                    report(ctx, cycle(path, depth, e), reported);
                } else if (!done.contains(e.to())) {
                    onPath.put(e.to(), path.size());
                    path.push(new Frame(e.to(), e));
                }
            }
        }
    }

    /** The edges of the path from the node at {@code depth} to the top, closed by {@code closing}. */
    private static List<Edge> cycle(Deque<Frame> path, int depth, Edge closing) {
        List<Frame> frames = new ArrayList<>(path);
        java.util.Collections.reverse(frames);
        List<Edge> edges = new ArrayList<>();
        for (int i = depth + 1; i < frames.size(); i++) {
            edges.add(frames.get(i).via);
        }
        edges.add(closing);
        return edges;
    }

    private static void report(ValidationContext ctx, List<Edge> cycle, Set<Set<String>> reported) {
        Set<String> key = new TreeSet<>();
        int startAt = 0;
        for (int i = 0; i < cycle.size(); i++) {
            key.add(cycle.get(i).constraint().attr("id"));
            if (cycle.get(i).index() < cycle.get(startAt).index()) {
                startAt = i;
            }
        }
        if (!reported.add(key)) {
            return;
        }
        StringBuilder msg = new StringBuilder("ordering cycle: ");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < cycle.size(); i++) {
            Edge e = cycle.get((startAt + i) % cycle.size());
            msg.append(e.from().label()).append(" then ");
            ids.add(e.constraint().attr("id"));
        }
        msg.append(cycle.get(startAt).from().label());
        msg.append(ids.size() == 1 ? " (constraint " : " (constraints ").append(String.join(", ", ids)).append(')');
        XmlElement where = cycle.get(startAt).constraint();
        ctx.error(where, msg.toString());
    }
}
