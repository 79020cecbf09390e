package dev.askgate.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;
import java.util.Map;

/**
 * Points Logback at the right stream and level for the command before anything logs: {@code serve} logs to
 * stdout at {@code ASKGATE_LOG_LEVEL} (default INFO); {@code chat} and {@code check} log to stderr at WARN
 * unless {@code ASKGATE_LOG_LEVEL} says otherwise, so that their stdout carries only answers and results.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(Map<String, String> env, String command) {
        boolean serving = "serve".equals(command);
        String level = env.getOrDefault("ASKGATE_LOG_LEVEL", "").trim().toUpperCase(Locale.ROOT);
        if (!ServerConfig.LOG_LEVELS.contains(level)) {
            level = serving ? "INFO" : "WARN"; // a bad value is reported by the configuration check
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J provider is in charge (a test classpath, say)
        }
        URL config = LogSetup.class.getResource("/logback.xml");
        if (config == null) return;
        context.reset();
        context.putProperty("askgate.log.level", level);
        context.putProperty("askgate.log.target", serving ? "System.out" : "System.err");
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("askgate: logging configuration failed: " + e.getMessage());
        }
    }
}
