package dev.askgate.server;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code ASKGATE_LOG_FORMAT=json}: Logback's own {@link JsonEncoder} (one JSON object per line), with the request id
 * and the platform as fields of {@code mdc} even where the code says them only in the message
 * ({@code request=... platform=...}), so that a log pipeline can filter on them without parsing text.
 */
public final class JsonLogEncoder extends JsonEncoder {
    public JsonLogEncoder() {
        // What an operator's pipeline needs; the raw pattern and its arguments would only repeat the message.
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(true);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return super.encode(LogEventFields.of(event));
    }
}
