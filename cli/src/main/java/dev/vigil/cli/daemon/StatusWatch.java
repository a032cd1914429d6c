package dev.vigil.cli.daemon;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil status --watch}: shows the cluster again every interval until interrupted or until
 * it has been shown {@code count} times. On a terminal each refresh clears the screen, as crm_mon
 * does; otherwise refreshes follow one another (json: one line each). Runs on the command's thread.
 */
final class StatusWatch {
    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min)?");
    private final Duration every;
    private final Integer count;

    StatusWatch(Duration every, Integer count) {
        this.every = every;
        this.count = count;
    }

    /** An interval such as {@code 5s}, {@code 500ms}, {@code 1m} or {@code 2} (seconds); null if not one. */
    static Duration interval(String text) {
        Matcher m = TIME.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Runs {@code refresh} until done; returns the exit code of the last refresh. */
    int run(Callable<Integer> refresh, PrintWriter out) throws Exception {
        boolean terminal = System.console() != null;
        int code = 0;
        for (int shown = 0; count == null || shown < count; shown++) {
            if (shown > 0) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return code;
                }
            }
            if (terminal) {
                out.print("\033[H\033[2J");
            }
            code = refresh.call();
        }
        return code;
    }
}
