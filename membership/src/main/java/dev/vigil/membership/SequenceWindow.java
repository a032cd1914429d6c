package dev.vigil.membership;

import java.util.Arrays;

/**
 * Which sequence numbers of one sender incarnation have been seen: everything up to the highest
 * seen is tracked in a bitmap of the last {@value #SIZE} numbers; anything older counts as seen.
 * Memory is constant per sender whatever the traffic. Not thread-safe (guarded by
 * {@link DuplicateFilter}).
 */
final class SequenceWindow {

    /** How far behind the highest sequence number a first copy is still accepted. */
    static final int SIZE = 4096;

    private final long[] bits = new long[SIZE / 64];
    private long highest;

    /** Records {@code sequence}; true if it was not seen before (and is not too old to tell). */
    boolean firstSighting(long sequence) {
        if (sequence <= 0) {
            return false;
        }
        if (sequence > highest) {
            advanceTo(sequence);
            set(sequence);
            return true;
        }
        if (sequence <= highest - SIZE || isSet(sequence)) {
            return false;
        }
        set(sequence);
        return true;
    }

    private void advanceTo(long sequence) {
        long distance = sequence - highest;
        if (distance >= SIZE) {
            Arrays.fill(bits, 0L);
        } else {
            for (long s = highest + 1; s <= sequence; s++) {
                clear(s);
            }
        }
        highest = sequence;
    }

    private boolean isSet(long sequence) {
        int index = (int) Math.floorMod(sequence, (long) SIZE);
        return (bits[index >>> 6] & (1L << (index & 63))) != 0;
    }

    private void set(long sequence) {
        int index = (int) Math.floorMod(sequence, (long) SIZE);
        bits[index >>> 6] |= 1L << (index & 63);
    }

    private void clear(long sequence) {
        int index = (int) Math.floorMod(sequence, (long) SIZE);
        bits[index >>> 6] &= ~(1L << (index & 63));
    }
}
