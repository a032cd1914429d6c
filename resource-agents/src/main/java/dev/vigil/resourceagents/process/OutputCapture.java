package dev.vigil.resourceagents.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a child wrote to one pipe without ever blocking: only the bytes {@link
 * InputStream#available()} reports are read. Keeps the first {@code limit} bytes and a short
 * tail; everything in between is read and dropped, so a program that prints gigabytes costs a
 * bounded amount of memory. Not thread-safe: owned by the thread that runs the process.
 */
final class OutputCapture {
    private static final int TAIL = 8 * 1024;

    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL];
    private final byte[] buffer = new byte[16 * 1024];
    private int tailLength;
    private int tailStart;
    private long total;

    OutputCapture(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Reads whatever is available now; returns whether anything was read. */
    boolean drain() {
        boolean any = false;
        try {
            int available;
            while ((available = in.available()) > 0) {
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n <= 0) {
                    break;
                }
                accept(n);
                any = true;
            }
        } catch (IOException e) {
            // The stream was closed under us (process reaped); what we have is what there is.
        }
        return any;
    }

    private void accept(int n) {
        int toHead = (int) Math.max(0, Math.min(n, limit - total));
        if (toHead > 0) {
            head.write(buffer, 0, toHead);
        }
        for (int i = toHead; i < n; i++) {
            int pos = (tailStart + tailLength) % TAIL;
            tail[pos] = buffer[i];
            if (tailLength < TAIL) {
                tailLength++;
            } else {
                tailStart = (tailStart + 1) % TAIL;
            }
        }
        total += n;
    }

    boolean truncated() {
        return total > (long) limit + tailLength;
    }

    String text() {
        String start = head.toString(StandardCharsets.UTF_8);
        if (tailLength == 0) {
            return start;
        }
        byte[] end = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            end[i] = tail[(tailStart + i) % TAIL];
        }
        long omitted = total - limit - tailLength;
        String gap = omitted > 0 ? "\n[... " + omitted + " bytes omitted ...]\n" : "";
        return start + gap + new String(end, StandardCharsets.UTF_8);
    }

    void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the process is gone
        }
    }
}
