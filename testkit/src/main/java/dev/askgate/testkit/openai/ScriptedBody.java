package dev.askgate.testkit.openai;

import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response body written piece by piece with pauses, flushed after each piece so the client sees it at once.
 * Chunked bodies do their own chunk framing (MockWebServer writes only the trailers). A cut body declares the
 * Content-Length of all its pieces but writes only the first few; the response then closes the socket, so the
 * client sees the body end early, as when a connection breaks.
 */
final class ScriptedBody implements MockResponseBody {

    /** Wait {@code delayNanos}, then write {@code text}. */
    record Piece(long delayNanos, String text) { }

    private final List<Piece> pieces;
    private final int piecesToWrite;
    private final boolean chunked;
    private final long contentLength;
    private final Pause pause;

    private ScriptedBody(List<Piece> pieces, int piecesToWrite, boolean chunked, Pause pause) {
        this.pieces = List.copyOf(pieces);
        this.piecesToWrite = piecesToWrite;
        this.chunked = chunked;
        this.contentLength = chunked ? -1 : pieces.stream()
                .mapToLong(p -> p.text().getBytes(StandardCharsets.UTF_8).length).sum();
        this.pause = pause;
    }

    /** Server-sent events with chunked transfer encoding, all written. */
    static ScriptedBody chunked(List<Piece> pieces, Pause pause) {
        return new ScriptedBody(pieces, pieces.size(), true, pause);
    }

    /** A body with a Content-Length of all pieces, of which only the first {@code piecesToWrite} are written. */
    static ScriptedBody fixed(List<Piece> pieces, int piecesToWrite, Pause pause) {
        return new ScriptedBody(pieces, piecesToWrite, false, pause);
    }

    boolean cut() {
        return piecesToWrite < pieces.size();
    }

    @Override
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        for (Piece piece : pieces.subList(0, piecesToWrite)) {
            if (piece.delayNanos() > 0 && !pause.sleep(piece.delayNanos())) {
                throw new IOException("FakeOpenAi closed while a response was pending");
            }
            byte[] bytes = piece.text().getBytes(StandardCharsets.UTF_8);
            if (chunked) {
                sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
            } else {
                sink.write(bytes);
            }
            sink.flush();
        }
        if (chunked) {
            sink.writeUtf8("0\r\n");
        }
    }
}
