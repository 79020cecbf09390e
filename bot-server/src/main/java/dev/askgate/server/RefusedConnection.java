package dev.askgate.server;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * A connection over the limit: it is sent a complete 503 answer and closed. What the client sent is read and
 * dropped until it closes its side (for at most a second), because closing with unread bytes would reset the
 * connection and the client might never see the answer.
 */
final class RefusedConnection extends AbstractConnection {
    private static final byte[] ANSWER = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 25\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
            + "too many open connections").getBytes(StandardCharsets.US_ASCII);
    private static final long DRAIN_MILLIS = 1_000;

    private final ByteBuffer drain = BufferUtil.allocate(4096);

    RefusedConnection(EndPoint endPoint, Executor executor) {
        super(endPoint, executor);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(DRAIN_MILLIS);
        getEndPoint().write(Callback.from(this::answered, failure -> getEndPoint().close()), ByteBuffer.wrap(ANSWER));
    }

    private void answered() {
        getEndPoint().shutdownOutput();
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(drain);
                int read = getEndPoint().fill(drain);
                if (read < 0) {
                    getEndPoint().close();
                    return;
                }
                if (read == 0) {
                    fillInterested();
                    return;
                }
            }
        } catch (IOException e) {
            getEndPoint().close();
        }
    }
}
