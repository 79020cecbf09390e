package dev.askgate.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ASKGATE_LOG_FORMAT=json: one JSON object per line with level, request id and platform as fields. */
class JsonLogFormatTest {
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream stdout = System.out;

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        System.setOut(stdout);
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogFormatTest.class.getResource("/logback-test.xml"));
    }

    @Test
    void serveLogsOneJsonObjectPerLineWithTheRequestIdAndPlatformAsFields() throws Exception {
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LogSetup.configure(Map.of("ASKGATE_LOG_FORMAT", "json"), "serve");

        var log = LoggerFactory.getLogger("dev.askgate.core.ChatService");
        log.info("request={} platform={} channel={} answered: prompt={}", "sl-1abc", "SLACK", "C0FAKE0001", 35);
        MDC.put("requestId", "8937e7b796e6");
        try {
            LoggerFactory.getLogger("dev.askgate.server.HttpEndpoints").warn("POST /slack/events -> 503 in 2 ms");
        } finally {
            MDC.remove("requestId");
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode answered = json.readTree(lines.get(0));
        assertThat(answered.path("level").asText()).isEqualTo("INFO");
        assertThat(answered.path("loggerName").asText()).isEqualTo("dev.askgate.core.ChatService");
        assertThat(answered.path("mdc").path("requestId").asText()).isEqualTo("sl-1abc");
        assertThat(answered.path("mdc").path("platform").asText()).isEqualTo("slack");
        assertThat(answered.path("formattedMessage").asText()).startsWith("request=sl-1abc platform=SLACK");
        assertThat(answered.path("timestamp").asLong()).isPositive();
        assertThat(answered.has("arguments")).as("arguments would repeat the message").isFalse();

        JsonNode http = json.readTree(lines.get(1));
        assertThat(http.path("level").asText()).isEqualTo("WARN");
        assertThat(http.path("mdc").path("requestId").asText()).isEqualTo("8937e7b796e6");
        assertThat(http.path("mdc").has("platform")).isFalse();
    }

    @Test
    void plainIsTheDefault() {
        LogSetup.configure(Map.of(), "serve");

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getEncoder()).isInstanceOf(PatternLayoutEncoder.class));
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("the configuration starts without warnings (which would print Logback's status on stdout)")
                .allSatisfy(status -> assertThat(status.getLevel()).isEqualTo(ch.qos.logback.core.status.Status.INFO));
    }

    @Test
    void anUnknownFormatIsAConfigurationProblem() {
        var settings = new Settings(Map.of("ASKGATE_LOG_FORMAT", "xml"));

        ServerConfig.from(settings);

        assertThat(settings.problems()).containsExactly("ASKGATE_LOG_FORMAT must be plain or json");
    }
}
