package dev.askgate.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's logging: java.util.logging (OkHttp's) arrives in Logback, and levels are mirrored back. */
class LogSetupTest {
    private CapturedLogs logs;

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        if (logs != null) logs.close();
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogSetupTest.class.getResource("/logback-test.xml"));
    }

    @Test
    void javaUtilLoggingRecordsArriveInLogbackAndNowhereElse() {
        LogSetup.configure(Map.of(), "serve");
        logs = new CapturedLogs();

        Logger.getLogger("okhttp3.OkHttpClient").warning("A connection to http://127.0.0.1/ was leaked.");

        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN okhttp3.OkHttpClient ")
                && line.endsWith("A connection to http://127.0.0.1/ was leaked."));
        assertThat(Logger.getLogger("").getHandlers()).as("only the bridge, no JUL console handler")
                .isNotEmpty().allMatch(handler -> handler instanceof SLF4JBridgeHandler);
    }

    @Test
    void logbackLevelsAreCopiedIntoJavaUtilLogging() {
        LogSetup.configure(Map.of("ASKGATE_LOG_LEVEL", "DEBUG"), "serve");

        assertThat(Logger.getLogger("okhttp3").getLevel()).as("LogSetup: okhttp3 at WARN").isEqualTo(Level.WARNING);
        assertThat(Logger.getLogger("").getLevel()).as("ASKGATE_LOG_LEVEL=DEBUG").isEqualTo(Level.FINE);
        assertThat(Arrays.asList(Logger.getLogger("").getHandlers())).hasSize(1);
    }

    @Test
    void plainLinesCarryTheTimeInUtcWhateverTheHostsZone() {
        TimeZone zone = TimeZone.getDefault();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        var captured = new ByteArrayOutputStream();
        var capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            System.setOut(capture);
            System.setErr(capture);
            LogSetup.configure(Map.of(), "serve");
            LoggerFactory.getLogger(LogSetupTest.class).info("a line");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            TimeZone.setDefault(zone);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).containsPattern(
                "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  dev\\.askgate\\.server\\.LogSetupTest \\[] a line$");
    }
}
