package dev.askgate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log event seen with its context as MDC fields: {@code requestId} (from the MDC, where the HTTP layer and
 * {@code chat} put it, or else from the message's {@code request=...}) and {@code platform} (from
 * {@code platform=...}, lower case). The adapters' worker threads say both only in the message today.
 */
final class LogEventFields implements ILoggingEvent {
    private static final Pattern REQUEST = Pattern.compile("(?:^|\\s)request=(\\S+)");
    private static final Pattern PLATFORM = Pattern.compile("(?:^|\\s)platform=(\\S+)");

    private final ILoggingEvent event;
    private final Map<String, String> mdc;

    private LogEventFields(ILoggingEvent event, Map<String, String> mdc) {
        this.event = event;
        this.mdc = Collections.unmodifiableMap(mdc);
    }

    static ILoggingEvent of(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message == null) return event;
        var mdc = new LinkedHashMap<>(event.getMDCPropertyMap());
        Matcher request = REQUEST.matcher(message);
        if (request.find()) mdc.putIfAbsent("requestId", request.group(1));
        Matcher platform = PLATFORM.matcher(message);
        if (platform.find()) mdc.putIfAbsent("platform", platform.group(1).toLowerCase(java.util.Locale.ROOT));
        return mdc.equals(event.getMDCPropertyMap()) ? event : new LogEventFields(event, mdc);
    }

    @Override public Map<String, String> getMDCPropertyMap() { return mdc; }
    @Override public Map<String, String> getMdc() { return mdc; }

    @Override public String getThreadName() { return event.getThreadName(); }
    @Override public Level getLevel() { return event.getLevel(); }
    @Override public String getMessage() { return event.getMessage(); }
    @Override public Object[] getArgumentArray() { return event.getArgumentArray(); }
    @Override public String getFormattedMessage() { return event.getFormattedMessage(); }
    @Override public String getLoggerName() { return event.getLoggerName(); }
    @Override public LoggerContextVO getLoggerContextVO() { return event.getLoggerContextVO(); }
    @Override public IThrowableProxy getThrowableProxy() { return event.getThrowableProxy(); }
    @Override public StackTraceElement[] getCallerData() { return event.getCallerData(); }
    @Override public boolean hasCallerData() { return event.hasCallerData(); }
    @Override public List<Marker> getMarkerList() { return event.getMarkerList(); }
    @Override public long getTimeStamp() { return event.getTimeStamp(); }
    @Override public int getNanoseconds() { return event.getNanoseconds(); }
    @Override public long getSequenceNumber() { return event.getSequenceNumber(); }
    @Override public List<KeyValuePair> getKeyValuePairs() { return event.getKeyValuePairs(); }
    @Override public void prepareForDeferredProcessing() { event.prepareForDeferredProcessing(); }
}
