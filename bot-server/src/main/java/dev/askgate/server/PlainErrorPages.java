package dev.askgate.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answers Jetty itself gives (a request line it cannot parse 400, headers too large 431, ...): the status and
 * its standard reason in plain text, never the parser's message, a stack trace or the server's name.
 */
final class PlainErrorPages extends ErrorHandler {
    PlainErrorPages() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, text(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return text(status);
    }

    private static ByteBuffer text(int status) {
        String reason = HttpStatus.getMessage(status);
        return ByteBuffer.wrap((status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
