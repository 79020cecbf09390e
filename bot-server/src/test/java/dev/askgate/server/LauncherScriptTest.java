package dev.askgate.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code ./askgate} script, with fake JDKs and a fake {@code mvn} (no real build runs here):
 * its JDK search, its one-line failure when no JDK >= 21 exists, and {@code ./askgate test}.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "askgate").toAbsolutePath().normalize();
    private static final Path REPOSITORY = SCRIPT.getParent();

    @TempDir
    Path dir;

    @Test
    void withoutAJdk21TheScriptSaysSoInOneLineAndExitsOne() throws Exception {
        Script run = runWithOnlyJdk17("version");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines()).singleElement().asString()
                .contains("no Java 21 or newer found").contains("JAVA_HOME").contains(dir.resolve("jvm").toString())
                // What works on Debian 12, which has no openjdk-21 package, and where the README says more.
                .contains("Temurin").contains("Debian 12 has no openjdk-21 package").contains("temurin-25-jdk")
                .contains("docker build").contains("README.md section \"Install a JDK\"");
        assertThat(Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md")))
                .as("the section the hint names").contains("\n### Install a JDK\n");
    }

    @Test
    void withoutAJdk21TheTestCommandSaysSoInOneLineAndExitsOneWithoutRunningMaven() throws Exception {
        Script run = runWithOnlyJdk17("test");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines()).singleElement().asString()
                .startsWith("askgate: ").contains("no Java 21 or newer found").contains("set JAVA_HOME");
        assertThat(dir.resolve("mvn-ran")).doesNotExist();
    }

    @Test
    void theTestCommandRunsMavenVerifyInTheRepositoryWithJavaHomeSetToTheJdkFound() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path oldJdk = fakeJdk(dir.resolve("old-jdk"), "17.0.2", true);
        fakeJdk(jvms.resolve("jdk-21"), "21.0.5", true);
        Path newest = fakeJdk(jvms.resolve("jdk-25"), "25.0.1", true);

        Script run = run(oldJdk, jvms, "test", "-q", "-Dtest=SomeTest");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out.lines()).containsExactly(
                "JAVA_HOME=" + newest.toRealPath(),
                "ARGS=-B verify -q -Dtest=SomeTest",
                "PWD=" + REPOSITORY.toRealPath());
    }

    @Test
    void theTestCommandRefusesAJavaRuntimeWithoutACompilerInOneLine() throws Exception {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path jre = fakeJdk(jvms.resolve("jre-25"), "25.0.1", false);

        Script run = run(fakeJdk(dir.resolve("old-jdk"), "17.0.2", true), jvms, "test");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.lines()).singleElement().asString().contains(jre.toRealPath().toString()).contains("no bin/javac");
        assertThat(dir.resolve("mvn-ran")).doesNotExist();
    }

    @Test
    void theFirstBuildShowsALinePerModuleWithoutEscapeCodesAndQuietensMavensJvm() throws Exception {
        // A copy of the script in a checkout without a jar, so that it builds (with the fake mvn below).
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(SCRIPT, checkout.resolve("askgate"));
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path jdk = fakeJdk(jvms.resolve("jdk-25"), "25.0.1", true);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("mvn"), "#!/bin/sh\n"
                + "printf '\\033[0m\\033[0m[INFO] Scanning for projects...\\n'\n"
                + "echo 'Downloading from central: https://repo.example/x.pom'\n"
                + "echo '[INFO] Building Askgate bot-core 0.1.0-SNAPSHOT                           [3/6]'\n"
                + "echo \"MAVEN_OPTS=$MAVEN_OPTS ARGS=$*\" > '" + dir.resolve("mvn-args") + "'\n"
                + "mkdir -p bot-server/target && touch bot-server/target/askgate.jar\n");

        var builder = new ProcessBuilder("bash", checkout.resolve("askgate").toString(), "version")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr"));

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).doesNotContain("\u001b").contains(
                "askgate:   downloading Maven plugins and dependencies (first build only) ...",
                "askgate:   building Askgate bot-core 0.1.0-SNAPSHOT [3/6]");
        assertThat(Files.readString(dir.resolve("mvn-args")))
                .contains("--sun-misc-unsafe-memory-access=allow", "-Djansi.noreset=true", "-B", "-Dstyle.color=never");
    }

    /** JAVA_HOME and the only java on PATH are a JDK 17; the JDK search directory is empty. */
    private Script runWithOnlyJdk17(String... args) throws Exception {
        Path emptyJvmDir = Files.createDirectories(dir.resolve("jvm"));
        return run(fakeJdk(dir.resolve("old-jdk"), "17.0.2", true), emptyJvmDir, args);
    }

    private Script run(Path javaHome, Path jdkSearchPath, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        if (!Files.exists(bin.resolve("java"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(bin.resolve("java"), javaHome.resolve("bin/java"));
        }
        // Says what it was given; touching mvn-ran proves whether the script got as far as Maven.
        executable(bin.resolve("mvn"), "#!/bin/sh\ntouch '" + dir.resolve("mvn-ran") + "'\n"
                + "echo \"JAVA_HOME=$JAVA_HOME\"\necho \"ARGS=$*\"\necho \"PWD=$(pwd -P)\"\n");
        var builder = new ProcessBuilder(command(args))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("ASKGATE_JDK_SEARCH_PATH", jdkSearchPath.toString());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Script(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String[] command(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return command;
    }

    /** A JDK directory whose java reports {@code version} (through its release file and -version). */
    private static Path fakeJdk(Path home, String version, boolean withCompiler) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2024-01-16' >&2\n");
        if (withCompiler) executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        return home;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Script(int status, String out, String err) { }
}
