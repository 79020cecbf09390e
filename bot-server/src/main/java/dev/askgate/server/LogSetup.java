package dev.askgate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Locale;
import java.util.Map;

/**
 * Points Logback at the right stream and level for the command before anything logs: {@code serve} logs to
 * stdout at {@code ASKGATE_LOG_LEVEL} (default INFO); {@code chat} and {@code check} log to stderr at WARN
 * unless {@code ASKGATE_LOG_LEVEL} says otherwise, so that their stdout carries only answers and results.
 * java.util.logging (OkHttp logs through it) is routed into SLF4J, so that it reaches the same lines.
 * {@code ASKGATE_LOG_FORMAT=json} selects one JSON object per line instead of the plain line.
 * <p>
 * Configured in code rather than with a {@code logback.xml}: the configuration is Askgate's own (nothing for an
 * operator to edit but the two variables), and an XML configuration loads Logback's Joran model and the JDK's XML
 * parser, about 500 classes, which every start would pay for in time and resident memory.
 */
final class LogSetup {
    /**
     * One line per event: time (UTC whatever the host's zone, as budgets count days), level, logger, request id
     * (MDC {@code requestId}), message.
     */
    private static final String PLAIN_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level %logger{36} [%X{requestId:-}] %msg%n";
    /** Libraries speak only when something is wrong. */
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "okhttp3", Level.WARN,
            "net.dv8tion", Level.WARN,
            "com.slack.api", Level.WARN,
            "org.glassfish.tyrus", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            // Its "No request pattern detected for <whole body>" would quote anything a client sent;
            // SlackHttpEndpoint logs such a request as one line with its size and the reason instead.
            "com.slack.api.bolt.util.SlackRequestParser", Level.ERROR);

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
        context.reset();
        copyLevelsIntoJavaUtilLogging(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget(serving ? "System.out" : "System.err");
        console.setEncoder(json(env) ? started(new JsonLogEncoder(), context) : plain(context));
        console.start();
        LIBRARY_LEVELS.forEach((name, libraryLevel) -> context.getLogger(name).setLevel(libraryLevel));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(console);
    }

    /**
     * java.util.logging (OkHttp) reaches Logback through SLF4JBridgeHandler: this copies each logger's level into
     * java.util.logging, so that records nobody wants are dropped before the bridge builds them, and DEBUG here
     * means FINE there.
     */
    private static void copyLevelsIntoJavaUtilLogging(LoggerContext context) {
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
    }

    private static Encoder<ILoggingEvent> plain(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(PLAIN_PATTERN);
        return started(encoder, context);
    }

    private static Encoder<ILoggingEvent> started(Encoder<ILoggingEvent> encoder, LoggerContext context) {
        encoder.setContext(context);
        encoder.start();
        return encoder;
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
