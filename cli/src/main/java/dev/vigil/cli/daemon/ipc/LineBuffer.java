package dev.vigil.cli.daemon.ipc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines of at most {@code limit} bytes, holding
 * no more than one line (plus one read's worth) in memory. A trailing {@code \r} is dropped.
 * Not thread-safe: owned by one connection.
 */
final class LineBuffer {
    private final int limit;
    private byte[] bytes = new byte[8192];
    private int start;
    private int end;
    private int scanned;

    LineBuffer(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    /** Appends the remaining bytes of {@code source}, consuming them. */
    void append(ByteBuffer source) {
        int count = source.remaining();
        makeRoom(count);
        source.get(bytes, end, count);
        end += count;
    }

    /**
     * Removes and returns the next complete line without its terminator, or {@code null} when no
     * complete line has arrived yet.
     *
     * @throws LineTooLongException if the next line is (or already is known to become) longer
     *     than the limit
     */
    byte[] nextLine() throws LineTooLongException {
        for (int i = start + scanned; i < end; i++) {
            if (bytes[i] == '\n') {
                int length = i - start;
                if (length > 0 && bytes[i - 1] == '\r') {
                    length--;
                }
                if (length > limit) {
                    throw new LineTooLongException(limit);
                }
                byte[] line = Arrays.copyOfRange(bytes, start, start + length);
                start = i + 1;
                scanned = 0;
                return line;
            }
        }
        scanned = end - start;
        // One more byte for a '\r' that may precede the newline.
        if (scanned > limit + 1) {
            throw new LineTooLongException(limit);
        }
        return null;
    }

    private void makeRoom(int count) {
        if (end + count <= bytes.length) {
            return;
        }
        int pending = end - start;
        if (pending + count <= bytes.length) {
            System.arraycopy(bytes, start, bytes, 0, pending);
        } else {
            byte[] larger = new byte[Math.max(bytes.length * 2, pending + count)];
            System.arraycopy(bytes, start, larger, 0, pending);
            bytes = larger;
        }
        start = 0;
        end = pending;
    }
}
