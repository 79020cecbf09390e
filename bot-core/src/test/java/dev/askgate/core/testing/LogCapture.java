package dev.askgate.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log event while open: SLF4J/Logback at DEBUG from the root, and java.util.logging (which OkHttp
 * and MockWebServer use) at ALL, so that tests can assert what was logged and that no secret ever was.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Level previousLevel;
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level previousJulLevel;
    private final List<String> julLines = new CopyOnWriteArrayList<>();
    private final Handler julHandler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            julLines.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        previousJulLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        julHandler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Events at {@code level} whose message contains {@code fragment}. */
    public List<ILoggingEvent> events(Level level, String fragment) {
        return events().stream()
                .filter(e -> e.getLevel().equals(level) && e.getFormattedMessage().contains(fragment))
                .toList();
    }

    /** Everything captured as text: messages, arguments, thrown exceptions with causes, and JUL records. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : events()) {
            out.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
                    .append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        julLines.forEach(out::append);
        return out.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(previousJulLevel);
    }
}
