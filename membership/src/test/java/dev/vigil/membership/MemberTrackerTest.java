package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.LinkStatus;
import dev.vigil.core.port.MembershipView;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MemberTrackerTest {

    private final MemberTracker tracker = new MemberTracker("a", List.of("l0", "l1"));

    @Test
    void beforeAnyLinkConnectsTheNodeIsAloneWithLinksDown() {
        assertEquals(new MembershipView(0, List.of("a"),
                List.of(new LinkStatus("l0", false, List.of()), new LinkStatus("l1", false, List.of()))),
                tracker.current());
    }

    @Test
    void aNodeAloneHasItsConnectedLinksUp() {
        MembershipView view = update(0, "a");
        assertEquals(new LinkStatus("l0", true, List.of("a")), view.links().get(0));
        assertEquals(1, view.sequence());
    }

    @Test
    void losingOneLinkChangesTheLinkButNotTheMembers() {
        update(0, "a", "b");
        update(1, "a", "b");
        MembershipView view = update(1, "a");
        assertEquals(List.of("a", "b"), view.members());
        assertEquals(new LinkStatus("l1", false, List.of("a")), view.links().get(1));
        assertEquals(new LinkStatus("l0", true, List.of("a", "b")), view.links().get(0));
        assertEquals(3, view.sequence());
    }

    @Test
    void aNodeIsLostOnlyWhenMissingOnEveryLink() {
        update(0, "a", "b", "c");
        update(1, "a", "b", "c");
        assertEquals(List.of("a", "b", "c"), update(0, "a", "b").members());
        MembershipView view = update(1, "a", "b");
        assertEquals(List.of("a", "b"), view.members());
        assertTrue(view.links().stream().allMatch(LinkStatus::up));
    }

    @Test
    void anUnchangedLinkViewYieldsNoNewView() {
        update(0, "a", "b");
        assertTrue(tracker.update(0, true, new TreeSet<>(List.of("a", "b"))).isEmpty());
    }

    @Test
    void disconnectingAllLeavesTheNodeAlone() {
        update(0, "a", "b");
        MembershipView view = tracker.disconnectAll();
        assertEquals(List.of("a"), view.members());
        assertTrue(view.links().stream().noneMatch(LinkStatus::up));
    }

    private MembershipView update(int link, String... nodes) {
        return tracker.update(link, true, new TreeSet<>(List.of(nodes))).orElseThrow();
    }
}
