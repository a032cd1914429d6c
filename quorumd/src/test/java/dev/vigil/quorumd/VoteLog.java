package dev.vigil.quorumd;

import dev.vigil.quorumd.client.VoteListener;
import dev.vigil.quorumd.vote.MonotonicClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records a client's vote changes with the time they were reported. Thread-safe. */
public final class VoteLog implements VoteListener {
    /** One change. */
    public record Change(Instant at, boolean granted, String reason) {
    }

    /** A span during which the client held the vote; {@code end} is null while it still does. */
    public record Interval(Instant start, Instant end) {
        boolean overlaps(Interval o) {
            Instant e1 = end == null ? Instant.MAX : end;
            Instant e2 = o.end == null ? Instant.MAX : o.end;
            return start.isBefore(e2) && o.start.isBefore(e1);
        }
    }

    private final String name;
    private final List<Change> changes = new ArrayList<>();

    public VoteLog(String name) {
        this.name = name;
    }

    @Override
    public synchronized void onVoteChanged(boolean granted, String reason) {
        changes.add(new Change(MonotonicClock.system().instant(), granted, reason));
    }

    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    public synchronized boolean isGranted() {
        return !changes.isEmpty() && changes.get(changes.size() - 1).granted();
    }

    public synchronized boolean wasEverGranted() {
        return changes.stream().anyMatch(Change::granted);
    }

    public synchronized long losses() {
        return changes.stream().filter(c -> !c.granted()).count();
    }

    /** The last reason given for losing the vote, or "". */
    public synchronized String lastLossReason() {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (!changes.get(i).granted()) {
                return changes.get(i).reason();
            }
        }
        return "";
    }

    public synchronized List<Interval> intervals() {
        List<Interval> result = new ArrayList<>();
        Instant start = null;
        for (Change c : changes) {
            if (c.granted() && start == null) {
                start = c.at();
            } else if (!c.granted() && start != null) {
                result.add(new Interval(start, c.at()));
                start = null;
            }
        }
        if (start != null) {
            result.add(new Interval(start, null));
        }
        return result;
    }

    /** Fails when this log and {@code other} ever held the vote at the same time. */
    public void assertNeverOverlaps(VoteLog other) {
        for (Interval mine : intervals()) {
            for (Interval theirs : other.intervals()) {
                if (mine.overlaps(theirs)) {
                    throw new AssertionError(name + " held the vote " + mine + " while " + other.name + " held it "
                            + theirs + "\n" + name + ": " + changes() + "\n" + other.name + ": " + other.changes());
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + changes();
    }
}
