package dev.vigil.core.model;

/** A CIB version: {@code admin_epoch.epoch.num_updates}, compared in that order. */
public record CibVersion(long adminEpoch, long epoch, long numUpdates) implements Comparable<CibVersion> {
    @Override
    public int compareTo(CibVersion o) {
        int c = Long.compare(adminEpoch, o.adminEpoch);
        if (c == 0) {
            c = Long.compare(epoch, o.epoch);
        }
        return c != 0 ? c : Long.compare(numUpdates, o.numUpdates);
    }

    @Override
    public String toString() {
        return adminEpoch + "." + epoch + "." + numUpdates;
    }
}
