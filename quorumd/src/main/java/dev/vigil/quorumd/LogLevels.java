package dev.vigil.quorumd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets log levels for the command line when Logback is the SLF4J backend. Callers check
 * {@link QuorumdCommand#hasLogback()} first: Logback is an optional dependency and this class must not
 * be loaded without it.
 */
final class LogLevels {
    private LogLevels() {
    }

    /**
     * INFO for everything by default (operators read grants and connections); {@code -v} DEBUG and
     * {@code -vv} TRACE for Vigil's loggers. {@code VIGIL_LOG_LEVEL} in the environment wins.
     */
    static void apply(int verbosity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
            return;
        }
        String env = System.getenv("VIGIL_LOG_LEVEL");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (env != null && !env.isBlank()) {
            root.setLevel(Level.toLevel(env, Level.INFO));
            return;
        }
        root.setLevel(Level.INFO);
        if (verbosity > 0) {
            ((Logger) LoggerFactory.getLogger("dev.vigil")).setLevel(verbosity > 1 ? Level.TRACE : Level.DEBUG);
        }
    }
}
