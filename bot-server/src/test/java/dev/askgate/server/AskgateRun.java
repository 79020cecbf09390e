package dev.askgate.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the launcher in-process with a scripted stdin and captured stdout/stderr, as a pipe would. */
final class AskgateRun {
    final int status;
    final String out;
    final String err;
    /** What reached stdout at each flush, in order: shows that an answer was written as it streamed. */
    final List<String> outFlushes;

    private AskgateRun(int status, String out, String err, List<String> outFlushes) {
        this.status = status;
        this.out = out;
        this.err = err;
        this.outFlushes = outFlushes;
    }

    static AskgateRun run(Map<String, String> env, String stdin, String... args) {
        return run(env, stdin, (config, wiring) -> new Platforms(config, wiring).create(), args);
    }

    /** With {@code platforms} in place of the real ones, for {@code serve}. */
    static AskgateRun run(Map<String, String> env, String stdin, PlatformFactory platforms, String... args) {
        var out = new FlushRecorder();
        var err = new ByteArrayOutputStream();
        var stdinBytes = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status;
        try (var outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
             var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Askgate(withOwnStore(env), stdinBytes, outStream, errStream, false, platforms).run(args);
            outStream.flush();
        }
        return new AskgateRun(status, out.text(), err.toString(StandardCharsets.UTF_8), out.flushes);
    }

    /** Each run its own usage store in a fresh directory, never a data/ directory in the checkout. */
    static Map<String, String> withOwnStore(Map<String, String> env) {
        if (env.containsKey("ASKGATE_DB_URL")) return env;
        try {
            Path dir = Files.createTempDirectory("askgate-run-");
            var withStore = new HashMap<>(env);
            withStore.put("ASKGATE_DB_URL", "jdbc:sqlite:" + dir.resolve("askgate.db"));
            return withStore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    private static final class FlushRecorder extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final List<String> flushes = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            all.write(b, off, len);
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (pending.size() > 0) {
                flushes.add(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
