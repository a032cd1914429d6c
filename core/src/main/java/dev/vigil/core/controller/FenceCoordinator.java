package dev.vigil.core.controller;

import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.port.Fencer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing as the cluster sees it: the DC runs every fencing through this node's {@link Fencer},
 * records the outcome in a history every node keeps (broadcast as it happens, and copied to nodes
 * that join), and serves operators' requests ({@code vigil stonith fence} and {@code confirm})
 * from any node by forwarding them to the DC. A node that reads in a fresh event that it was
 * fenced itself hands that event to its {@code selfFenced} handler. Event-loop only, except where
 * a method says otherwise.
 */
final class FenceCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(FenceCoordinator.class);
    private static final int HISTORY_LIMIT = 500;
    private static final Duration ASK_TIMEOUT = Duration.ofMinutes(15);

    /** What the coordinator needs from its controller. */
    interface Host {
        String dc();

        boolean isDc();

        List<String> members();

        /** Every node the CIB knows (configured or with a status entry). */
        Set<String> knownNodes();

        /** Whether the CIB has at least one fence device. */
        boolean hasFenceDevice();

        void send(String node, Message m);

        void broadcast(Message m);

        /** The target is down (fenced, or confirmed by an operator): record it and schedule again. */
        void nodeFenced(String node);
    }

    private final ControllerSettings settings;
    private final EventLoop loop;
    private final Fencer fencer;
    private final Host host;
    private final LinkedHashMap<String, FenceEvent> history = new LinkedHashMap<>();
    private final Map<Long, CompletableFuture<List<String>>> asks = new HashMap<>();
    private long nextAsk = 1;
    private Consumer<FenceEvent> selfFenced = e -> LOG.error("this node ({}) was fenced by {} at {}, yet it runs",
            e.target(), e.executioner(), e.finished());

    FenceCoordinator(ControllerSettings settings, EventLoop loop, Fencer fencer, Host host) {
        this.settings = settings;
        this.loop = loop;
        this.fencer = fencer;
        this.host = host;
    }

    boolean canFence() {
        return fencer != null;
    }

    /** Any thread. */
    void onSelfFenced(Consumer<FenceEvent> handler) {
        loop.execute(() -> selfFenced = handler);
    }

    /**
     * DC: runs {@code request} on this node's fencer; the result completes on the loop, after it is
     * in the history and broadcast.
     */
    CompletableFuture<FenceResult> run(FenceRequest request) {
        CompletableFuture<FenceResult> done = new CompletableFuture<>();
        fencer.fence(request).thenAccept(r -> loop.execute(() -> {
            record(FenceEvent.of(r, settings.nodeName()), true);
            done.complete(r);
        }));
        return done;
    }

    List<FenceEvent> history() {
        return List.copyOf(history.values());
    }

    /** DC, after a membership change: every member gets the history it may have missed. */
    void shareHistory() {
        if (!history.isEmpty() && host.members().size() > 1) {
            host.broadcast(new Message.FenceHistory(false, history()));
        }
    }

    /** Not DC: a new DC may not know what this node saw (it was fenced and came back, say). */
    void sendHistoryTo(String newDc) {
        if (!history.isEmpty()) {
            host.send(newDc, new Message.FenceHistory(false, history()));
        }
    }

    private void record(FenceEvent e, boolean fresh) {
        if (history.containsKey(e.key())) {
            return;
        }
        history.put(e.key(), e);
        while (history.size() > HISTORY_LIMIT) {
            history.remove(history.keySet().iterator().next());
        }
        if (host.isDc() && host.members().size() > 1) {
            host.broadcast(new Message.FenceHistory(fresh, List.of(e)));
        }
    }

    void onHistory(String from, Message.FenceHistory h) {
        for (FenceEvent e : h.events()) {
            boolean known = history.containsKey(e.key());
            record(e, false);
            if (!known && h.fresh()) {
                LOG.info("fencing of {} ({}) by {}: {}{}", e.target(), e.action(), e.executioner(), e.status(),
                        e.error().isEmpty() ? "" : " (" + e.error() + ")");
                if (e.isSuccess() && e.target().equals(settings.nodeName())) {
                    selfFenced.accept(e);
                }
            }
        }
    }

    // ---- operators' requests ----

    /**
     * Any thread: asks the DC to fence {@code target} (or, with {@code confirm}, records an operator's
     * word that it is down). Completes, on the loop, with the reasons it was refused or failed;
     * empty when done.
     */
    CompletableFuture<List<String>> ask(String target, FenceAction action, boolean confirm) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (host.dc() == null) {
                f.complete(List.of("the cluster has no DC yet; try again in a few seconds"));
            } else if (host.isDc()) {
                serve(target, action, confirm, settings.nodeName(), f::complete);
            } else {
                long id = nextAsk++;
                asks.put(id, f);
                host.send(host.dc(), new Message.FenceAsk(id, target, action.value(), confirm, settings.nodeName()));
                loop.schedule(() -> {
                    CompletableFuture<List<String>> pending = asks.remove(id);
                    if (pending != null) {
                        pending.complete(List.of("the DC (" + host.dc() + ") did not answer within "
                                + ASK_TIMEOUT.toMinutes() + " minutes"));
                    }
                }, ASK_TIMEOUT);
            }
        });
        return f;
    }

    void onAsk(String from, Message.FenceAsk a) {
        Consumer<List<String>> reply = problems -> host.send(from, new Message.FenceAnswer(a.id(), problems));
        if (!host.isDc()) {
            reply.accept(List.of("this node (" + settings.nodeName() + ") is not the DC"));
            return;
        }
        FenceAction action;
        try {
            action = FenceAction.parse(a.action());
        } catch (IllegalArgumentException e) {
            reply.accept(List.of(e.getMessage()));
            return;
        }
        serve(a.target(), action, a.confirm(), a.origin(), reply);
    }

    void onAnswer(Message.FenceAnswer a) {
        CompletableFuture<List<String>> f = asks.remove(a.id());
        if (f != null) {
            f.complete(a.problems());
        }
    }

    /** The DC changed: requests sent to the old one will not be answered. */
    void dcChanged(String why) {
        for (CompletableFuture<List<String>> f : new ArrayList<>(asks.values())) {
            f.complete(List.of(why));
        }
        asks.clear();
    }

    private void serve(String target, FenceAction action, boolean confirm, String origin,
            Consumer<List<String>> reply) {
        Set<String> known = host.knownNodes();
        if (!known.contains(target)) {
            reply.accept(List.of("unknown node '" + target + "' (the cluster knows: " + String.join(", ", known)
                    + ")"));
        } else if (confirm) {
            confirm(target, origin, reply);
        } else if (target.equals(settings.nodeName())) {
            reply.accept(List.of("'" + target + "' is the DC and does not fence itself; stop Vigil there (or "
                    + "power it off) and the next DC fences it if it must"));
        } else if (fencer == null) {
            reply.accept(List.of("the DC (" + settings.nodeName() + ") has no fencer"));
        } else if (!host.hasFenceDevice()) {
            reply.accept(List.of("no fence device is configured; add a primitive with class=\"stonith\""));
        } else {
            LOG.warn("fencing {} ({}) as {} asked", target, action.value(), origin);
            run(FenceRequest.of(target, action, origin)).thenAccept(r -> {
                if (r.isSuccess()) {
                    LOG.warn("node {} fenced ({}) by {} as {} asked", target, action.value(),
                            String.join(", ", r.devices()), origin);
                    if (action != FenceAction.ON) {
                        host.nodeFenced(target);
                    }
                    reply.accept(List.of());
                } else {
                    LOG.error("fencing {} ({}) as {} asked failed ({}): {}", target, action.value(), origin,
                            r.status(), r.error());
                    reply.accept(List.of("fencing " + target + " failed (" + r.status() + "): " + r.error()));
                }
            });
        }
    }

    private void confirm(String target, String origin, Consumer<List<String>> reply) {
        if (host.members().contains(target)) {
            reply.accept(List.of("'" + target + "' is a member of the cluster (it is up); confirm only a node you "
                    + "know is powered off or cut off"));
            return;
        }
        if (fencer != null && fencer.confirm(target)) {
            LOG.warn("{} confirmed that {} is down; the manual fencing that waited for it completes", origin, target);
            reply.accept(List.of()); // the waiting operation records its success itself
            return;
        }
        LOG.warn("{} confirmed that {} is down; its resources may now be recovered", origin, target);
        var now = loop.now();
        record(new FenceEvent(target, FenceAction.OFF.value(), origin, settings.nodeName(), FenceEvent.CONFIRMED, 0,
                List.of(), "", now, now), true);
        host.nodeFenced(target);
        reply.accept(List.of());
    }
}
