package dev.vigil.membership;

import dev.vigil.core.port.LinkStatus;
import dev.vigil.core.port.MembershipListener;
import dev.vigil.core.port.MembershipView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test listener: remembers every view and message; flags concurrent callbacks. */
final class RecordingListener implements MembershipListener {

    /** A delivered message, payload as UTF-8 text. */
    record Received(String from, String text) {
    }

    final List<MembershipView> views = new CopyOnWriteArrayList<>();
    final List<Received> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger inCallback = new AtomicInteger();
    volatile boolean sawConcurrentCallbacks;

    @Override
    public void viewChanged(MembershipView view) {
        enter();
        try {
            views.add(view);
        } finally {
            inCallback.decrementAndGet();
        }
    }

    @Override
    public void messageReceived(String fromNode, byte[] payload) {
        enter();
        try {
            messages.add(new Received(fromNode, new String(payload, StandardCharsets.UTF_8)));
        } finally {
            inCallback.decrementAndGet();
        }
    }

    private void enter() {
        if (inCallback.incrementAndGet() > 1) {
            sawConcurrentCallbacks = true;
        }
    }

    MembershipView lastView() {
        return views.isEmpty() ? null : views.get(views.size() - 1);
    }

    List<String> members() {
        MembershipView view = lastView();
        return view == null ? List.of() : view.members();
    }

    LinkStatus link(String name) {
        return lastView().links().stream().filter(l -> l.link().equals(name)).findFirst().orElseThrow();
    }

    List<String> textsFrom(String node) {
        return messages.stream().filter(m -> m.from().equals(node)).map(Received::text).toList();
    }
}
