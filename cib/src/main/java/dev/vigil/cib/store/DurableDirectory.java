package dev.vigil.cib.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * File operations of the state directory that survive a crash or power loss: whole files are
 * written to a temporary name, forced to disk and renamed into place atomically; directory entries
 * are made durable by forcing the directory itself. New files get mode 0600 and a new directory
 * 0750; owners are left as they are. Used by one thread at a time (the store's).
 */
final class DurableDirectory {
    static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final boolean IS_LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");

    private final Path path;
    private final boolean isPosix;

    DurableDirectory(Path path) {
        this.path = path;
        this.isPosix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /** Creates the directory (mode 0750) and its parents if missing. */
    void create() throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (isPosix) {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                Files.setPosixFilePermissions(path, DIRECTORY_MODE); // the umask may have removed bits
            } else {
                Files.createDirectory(path);
            }
        } catch (FileAlreadyExistsException e) {
            return;
        }
        if (parent != null) {
            sync(parent);
        }
    }

    /** Writes {@code bytes} to a new temporary file beside {@code name}, forced to disk; returns its path. */
    Path writeTemp(String name, byte[] bytes) throws IOException {
        Path temp = isPosix ? Files.createTempFile(path, name + ".", TEMP_SUFFIX, fileMode())
                : Files.createTempFile(path, name + ".", TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Renames {@code source} to {@code name} in one step, replacing what was there. Not yet durable: {@link #sync()}. */
    void rename(Path source, String name) throws IOException {
        Files.move(source, resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces file {@code name} with {@code bytes} atomically (temporary file, force, rename). */
    void replace(String name, byte[] bytes) throws IOException {
        Path temp = writeTemp(name, bytes);
        try {
            rename(temp, name);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Makes {@code name} a second name of {@code existing} (a hard link; the file is never written in
     * place, so sharing it is safe), or a forced copy of {@code bytes} where links are not supported.
     */
    void linkOrCopy(Path existing, String name, byte[] bytes) throws IOException {
        Path temp = resolve(name + ".link" + TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        try {
            Files.createLink(temp, existing);
        } catch (UnsupportedOperationException | FileSystemException e) {
            replace(name, bytes);
            return;
        }
        rename(temp, name);
    }

    /** Forces this directory's entries (creations, renames, deletions) to disk. */
    void sync() throws IOException {
        sync(path);
    }

    private static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (IS_LINUX) {
                throw new IOException("cannot sync directory " + dir + " to disk: " + e.getMessage(), e);
            }
            // other systems (Windows) cannot open a directory; their rename is durable on its own
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }
}
