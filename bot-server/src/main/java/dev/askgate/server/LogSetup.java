package dev.askgate.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.net.URL;
import java.util.Locale;
import java.util.Map;

/**
 * Points Logback at the right stream and level for the command before anything logs: {@code serve} logs to
 * stdout at {@code ASKGATE_LOG_LEVEL} (default INFO); {@code chat} and {@code check} log to stderr at WARN
 * unless {@code ASKGATE_LOG_LEVEL} says otherwise, so that their stdout carries only answers and results.
 * java.util.logging (OkHttp logs through it) is routed into SLF4J, so that it reaches the same lines.
 * {@code ASKGATE_LOG_FORMAT=json} selects one JSON object per line instead of the plain line.
 */
final class LogSetup {
    /** Askgate's Logback configuration, read only here. */
    static final String CONFIG = "/dev/askgate/server/log/logback.xml";

    private LogSetup() {
    }

    static void configure(Map<String, String> env, String command) {
        routeJavaUtilLogging();
        boolean serving = "serve".equals(command);
        String level = env.getOrDefault("ASKGATE_LOG_LEVEL", "").trim().toUpperCase(Locale.ROOT);
        if (!ServerConfig.LOG_LEVELS.contains(level)) {
            level = serving ? "INFO" : "WARN"; // a bad value is reported by the configuration check
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J provider is in charge (a test classpath, say)
        }
        // Not at the class path's root, where Logback's auto-configuration would find and parse it once more
        // before this reset: an XML parse at every start (tens of ms of /readyz) for a configuration thrown away.
        URL config = LogSetup.class.getResource(CONFIG);
        if (config == null) return;
        context.reset();
        context.putProperty("askgate.log.level", level);
        context.putProperty("askgate.log.target", serving ? "System.out" : "System.err");
        context.putProperty("askgate.log.format", json(env) ? "json" : "plain");
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("askgate: logging configuration failed: " + e.getMessage());
        }
    }

    /** {@code ASKGATE_LOG_FORMAT=json}; anything else is plain (a bad value is reported by the configuration check). */
    private static boolean json(Map<String, String> env) {
        return "json".equals(env.getOrDefault("ASKGATE_LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT));
    }

    /** Replaces java.util.logging's own handlers (a second, multi-line format on stderr) with the SLF4J bridge. */
    static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
