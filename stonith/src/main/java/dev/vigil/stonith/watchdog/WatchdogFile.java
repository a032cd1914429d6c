package dev.vigil.stonith.watchdog;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * An open watchdog device file. Opened with libc {@code open(2)} through JNA so the Linux watchdog
 * ioctls can be used; without JNA (or libc) it falls back to a plain Java stream, which can only
 * write. Not thread-safe: used by the {@link Watchdog}'s own thread (and {@code close} after it
 * stopped).
 */
final class WatchdogFile implements AutoCloseable {
    /** {@code _IOWR('W', 6, int)}: the asm-generic encoding used by x86, ARM, RISC-V. */
    static final long WDIOC_SETTIMEOUT = 0xC0045706L;
    /** {@code _IOR('W', 7, int)}. */
    static final long WDIOC_GETTIMEOUT = 0x80045707L;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final CLib LIBC = load();

    interface CLib extends Library {
        int open(String path, int flags) throws LastErrorException;

        NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        int ioctl(int fd, NativeLong request, IntByReference arg) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final Path path;
    private final int fd;
    private final OutputStream stream;

    private WatchdogFile(Path path, int fd, OutputStream stream) {
        this.path = path;
        this.fd = fd;
        this.stream = stream;
    }

    static WatchdogFile open(Path path) throws IOException {
        if (LIBC != null) {
            try {
                return new WatchdogFile(path, LIBC.open(path.toString(), O_WRONLY | O_CLOEXEC), null);
            } catch (LastErrorException e) {
                throw new IOException("cannot open watchdog " + path + ": errno " + e.getErrorCode(), e);
            }
        }
        return new WatchdogFile(path, -1, new FileOutputStream(path.toFile()));
    }

    /** Whether ioctls are possible at all (JNA and libc available). */
    boolean hasIoctl() {
        return stream == null;
    }

    /**
     * Asks the device for {@code seconds}; returns the timeout it actually set, or empty when the
     * device does not support it (a regular file or FIFO answers ENOTTY).
     */
    OptionalInt setTimeout(int seconds) {
        if (!hasIoctl()) {
            return OptionalInt.empty();
        }
        IntByReference value = new IntByReference(seconds);
        try {
            LIBC.ioctl(fd, new NativeLong(WDIOC_SETTIMEOUT), value);
            return OptionalInt.of(value.getValue());
        } catch (LastErrorException e) {
            return OptionalInt.empty();
        }
    }

    /** The device's current timeout in seconds, or empty when it cannot tell. */
    OptionalInt timeout() {
        if (!hasIoctl()) {
            return OptionalInt.empty();
        }
        IntByReference value = new IntByReference();
        try {
            LIBC.ioctl(fd, new NativeLong(WDIOC_GETTIMEOUT), value);
            return OptionalInt.of(value.getValue());
        } catch (LastErrorException e) {
            return OptionalInt.empty();
        }
    }

    void write(byte b) throws IOException {
        if (stream != null) {
            stream.write(b);
            stream.flush();
            return;
        }
        try {
            LIBC.write(fd, new byte[] {b}, new NativeLong(1));
        } catch (LastErrorException e) {
            throw new IOException("write to watchdog " + path + " failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            return;
        }
        try {
            LIBC.close(fd);
        } catch (LastErrorException e) {
            throw new IOException("close of watchdog " + path + " failed: errno " + e.getErrorCode(), e);
        }
    }

    private static CLib load() {
        try {
            return Native.load("c", CLib.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
