package dev.vigil.resourceagents.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process groups: how a child is started as the leader of a new session (through the
 * {@code setsid} program, which execs without forking because a JVM child is never a group
 * leader, so the child's pid is its group id) and how a whole group is signalled (libc
 * {@code kill(-pgid, sig)} through JNA, or {@code /bin/kill} when JNA is unavailable).
 * Thread-safe.
 */
final class ProcessGroups {
    static final int SIGTERM = 15;
    static final int SIGKILL = 9;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);
    private static final Optional<String> SETSID = findSetsid();
    private static final CLib LIBC = loadLibc();

    private ProcessGroups() {
    }

    interface CLib extends Library {
        int kill(int pid, int sig);
    }

    /** The prefix that makes the command a new session leader, or empty when unavailable. */
    static List<String> sessionPrefix() {
        return SETSID.map(List::of).orElse(List.of());
    }

    static boolean hasOwnGroup() {
        return SETSID.isPresent();
    }

    /** Sends {@code signal} to every process in the group led by {@code pgid}. */
    static void signalGroup(long pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        if (LIBC != null) {
            LIBC.kill((int) -pgid, signal);
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (java.io.IOException e) {
            LOG.warn("could not signal process group {}: {}", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> findSetsid() {
        for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(p);
            }
        }
        LOG.warn("setsid not found: agents run in the daemon's process group, timeouts kill only their descendants");
        return Optional.empty();
    }

    private static CLib loadLibc() {
        try {
            return Native.load("c", CLib.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("JNA could not load libc ({}); signalling process groups through kill(1)", e.getMessage());
            return null;
        }
    }
}
