package dev.askgate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code askgate serve} from a built jar in a process of its own, configured only by environment variables as an
 * operator configures it: the bench measures whatever checkout built the jar, whatever its wiring looks like
 * inside. Its output goes to a file, shown when it fails to start.
 */
final class ServedAskgate implements AutoCloseable {
    private static final Duration READY_WAIT = Duration.ofSeconds(120);

    final int port;
    private final Process process;
    private final Path log;
    private final TempTree data;
    private final long startedNanos;
    private final ServeJar jar;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServedAskgate(ServeJar jar, int port, Process process, Path log, TempTree data, long startedNanos) {
        this.jar = jar;
        this.port = port;
        this.process = process;
        this.log = log;
        this.data = data;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code serve} with {@code env} (plus a free ASKGATE_PORT) and {@code extraJvmFlags} after the jar's own. */
    static ServedAskgate start(ServeJar jar, Map<String, String> env, List<String> extraJvmFlags) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("askgate-bench-serve-", ".log");
        List<String> command = new ArrayList<>();
        command.add(jar.java().toString());
        command.addAll(jar.jvmFlags());
        command.addAll(extraJvmFlags);
        command.addAll(List.of("-jar", jar.jar().toString(), "serve"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("ASKGATE_PORT", Integer.toString(port));
        builder.environment().putIfAbsent("ASKGATE_LOG_LEVEL", "WARN");
        // glibc's per-thread malloc arenas are most of a JVM's native overhead; the image sets the same.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        // A usage store of the run's own (not ./data of the checkout), and a per-person limit of questions at once
        // above what any case sends from one person: the cases measure Askgate's capacity, not its budgets.
        TempTree data = TempTree.create("askgate-bench-data-");
        Path config = Files.writeString(data.resolve("askgate.yaml"), BENCH_CONFIG);
        builder.environment().putIfAbsent("ASKGATE_DB_URL", "jdbc:sqlite:" + data.resolve("askgate.db"));
        builder.environment().putIfAbsent("ASKGATE_CONFIG", config.toString());
        long started = System.nanoTime();
        return new ServedAskgate(jar, port, builder.start(), log, data, started);
    }

    static final String BENCH_CONFIG = """
            limits:
              user: {concurrent: 100000}
            """;

    static ServedAskgate start(ServeJar jar, Map<String, String> env) throws IOException {
        return start(jar, env, List.of());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits for {@code /readyz} 200 and returns the time since the process was started. */
    Duration awaitReady() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = startedNanos + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("serve exited " + process.exitValue() + ":\n" + log());
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5); // polling interval: small, as start-up time is measured through it
        }
        throw new IllegalStateException("serve was not ready within " + READY_WAIT + ":\n" + log());
    }

    /** Resident memory now, in MiB (VmRSS of /proc/PID/status). */
    double rssMiB() throws IOException {
        return statusField("VmRSS:") / 1024.0;
    }

    /** The CPU time the process has used so far, user and system, every thread of it (the JVM's own included). */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS reports no CPU time for serve"));
    }

    /** Operating-system threads of the process now (platform threads plus the JVM's own: GC, JIT). */
    int osThreads() throws IOException {
        return (int) statusField("Threads:");
    }

    /** Java platform threads now, as {@code jcmd Thread.print} lists them (virtual threads are not listed). */
    int platformThreads() throws IOException, InterruptedException {
        return (int) jcmd("Thread.print").lines().filter(l -> l.startsWith("\"")).count();
    }

    /** Runs a full GC and returns the heap in use after it, in MiB (every generation or region, no metaspace). */
    double heapAfterGcMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedMiB(jcmd("GC.heap_info"));
    }

    // Serial prints "DefNew total 116160K, used 28947K" and "Tenured total ...", G1 (JDK 25) "garbage-first heap
    // total reserved 6172672K, committed 393216K, used 12574K"; the Metaspace and class space lines have the first
    // shape but are not heap. Shenandoah: " 6028M max, 6028M soft max, 408M committed, 30720K used", in K, M or G.
    private static final Pattern GENERATION_USED =
            Pattern.compile("^\\s*(\\S[^,]*?)\\s+total (?:reserved \\d+K, committed )?\\d+K, used (\\d+)K", Pattern.MULTILINE);
    private static final Pattern HEAP_USED = Pattern.compile("committed, (\\d+)([KMG]) used");

    /** The heap in use that {@code jcmd GC.heap_info} printed, in MiB, for Serial, G1 or Shenandoah. */
    static double heapUsedMiB(String heapInfo) {
        var generations = GENERATION_USED.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (generations.find()) {
            if (generations.group(1).contains("Metaspace") || generations.group(1).contains("class space")) continue;
            kib += Long.parseLong(generations.group(2));
            found = true;
        }
        if (found) return kib / 1024.0;
        var heap = HEAP_USED.matcher(heapInfo);
        if (!heap.find()) throw new IllegalStateException("jcmd GC.heap_info printed no heap use");
        long amount = Long.parseLong(heap.group(1));
        return switch (heap.group(2)) {
            case "K" -> amount / 1024.0;
            case "M" -> amount;
            default -> amount * 1024.0;
        };
    }

    /** Sends SIGTERM and waits for the exit status. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        keepForProfiling();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
        data.close();
    }

    /**
     * With {@code askgate.bench.keep} naming a directory (scripts/bench: {@code ASKGATE_BENCH_KEEP}), the serve
     * process's log and its flight recording (when {@code -XX:StartFlightRecording} is among its flags) are kept
     * there as {@code serve-PID.log} and {@code serve-PID.jfr}, to profile a case; the process is killed, so the
     * recording is dumped first.
     */
    private void keepForProfiling() throws IOException {
        String keep = System.getProperty("askgate.bench.keep", "");
        if (keep.isBlank() || !process.isAlive()) return;
        Path dir = Files.createDirectories(Path.of(keep));
        String name = "serve-" + process.pid();
        try {
            jcmd("JFR.dump filename=" + dir.resolve(name + ".jfr").toAbsolutePath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.copy(log, dir.resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
    }

    private long statusField(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length()).strip().split("\\s+")[0]))
                .orElseThrow(() -> new IllegalStateException("no " + name + " in /proc/" + process.pid() + "/status"));
    }

    /** The output of {@code jcmd PID what} (for instance {@code VM.native_memory summary}). */
    String jcmd(String what) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(jar.jcmd().toString(), Long.toString(process.pid()), what)
                .redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
