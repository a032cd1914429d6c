package dev.vigil.resourceagents;

import dev.vigil.core.port.AttributeUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading what an agent reported besides its exit code. Stateless. */
final class AgentOutput {
    private static final String REASON_PREFIX = "ocf-exit-reason:";
    private static final int MAX_REASON = 256;
    private static final String[] SIGNALS = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private AgentOutput() {
    }

    /**
     * The agent's exit reason: the last {@code ocf-exit-reason:} line on stderr, cut to a sane
     * length and stripped of control characters. Empty when there is none.
     */
    static String exitReason(String stderr) {
        String reason = "";
        for (String line : stderr.split("\n")) {
            int at = line.indexOf(REASON_PREFIX);
            if (at >= 0) {
                reason = line.substring(at + REASON_PREFIX.length()).strip();
            }
        }
        return clean(reason);
    }

    /** The last non-blank line of {@code text}, cleaned; empty when there is none. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : clean(lines[lines.length - 1].strip());
    }

    static String clean(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(MAX_REASON).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** "killed by signal 9 (SIGKILL)" for an exit code above 128, else empty. */
    static Optional<String> signalDescription(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 65) {
            int sig = exitCode - 128;
            String name = sig < SIGNALS.length ? " (" + SIGNALS[sig] + ")" : "";
            return Optional.of("killed by signal " + sig + name);
        }
        return Optional.empty();
    }

    /**
     * Reads the attribute changes the compat shims recorded, one per line:
     * {@code set|delete TAB name TAB value TAB lifetime TAB node}. Malformed lines are skipped.
     */
    static List<AttributeUpdate> attributeUpdates(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        List<AttributeUpdate> updates = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length < 5 || f[1].isBlank()) {
                    continue;
                }
                String lifetime = f[3].isBlank() ? "reboot" : f[3];
                String node = f[4].isBlank() ? null : f[4];
                if (f[0].equals("set")) {
                    updates.add(new AttributeUpdate(f[1], f[2], lifetime, node));
                } else if (f[0].equals("delete")) {
                    updates.add(new AttributeUpdate(f[1], null, lifetime, node));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return updates;
    }
}
