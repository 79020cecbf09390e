package dev.askgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which {@code askgate.jar} the bench runs, on which {@code java}, with which JVM flags. scripts/bench passes them
 * as system properties: {@code askgate.bench.jar} (another checkout's jar measures that checkout),
 * {@code askgate.bench.java}, and {@code askgate.bench.jvm-options} (a file in the image's {@code jvm.options}
 * format; empty for the JDK's defaults).
 */
record ServeJar(Path java, Path jar, List<String> jvmFlags) {
    ServeJar {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(jar, "jar");
        jvmFlags = List.copyOf(jvmFlags);
    }

    static ServeJar fromSystemProperties() throws IOException {
        Path java = Path.of(System.getProperty("askgate.bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path jar = Path.of(System.getProperty("askgate.bench.jar", "bot-server/target/askgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar + " (set askgate.bench.jar)");
        String options = System.getProperty("askgate.bench.jvm-options", "deploy/container/jvm.options");
        return new ServeJar(java, jar, options.isBlank() ? List.of() : readOptions(Path.of(options)));
    }

    /** The flags of a {@code java @file} options file: one or more per line, {@code #} starts a comment. */
    static List<String> readOptions(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .flatMap(l -> List.of(l.split("\\s+")).stream()).toList();
    }

    Path jcmd() {
        return java.resolveSibling("jcmd");
    }

    /** The JDK's feature release (21, 25), from its {@code release} file. */
    int javaFeature() throws IOException {
        Path release = java.toRealPath().getParent().getParent().resolve("release");
        return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION=\""))
                .map(l -> Integer.parseInt(l.substring(14).split("[.\"]")[0])).findFirst().orElse(0);
    }

    String describe() {
        return "java " + (jvmFlags.isEmpty() ? "(JDK defaults)" : String.join(" ", jvmFlags)) + " -jar " + jar.getFileName();
    }
}
