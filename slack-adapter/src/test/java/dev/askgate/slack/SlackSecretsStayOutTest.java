package dev.askgate.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.askgate.slack.SlackHarness.APP_TOKEN;
import static dev.askgate.slack.SlackHarness.BOT_TOKEN;
import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.OPENAI_KEY;
import static dev.askgate.slack.SlackHarness.SIGNING_SECRET;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackSecretsStayOutTest {
    private static final List<String> SECRETS = List.of(BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, OPENAI_KEY);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureEverything() {
        root.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("com.slack")).setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void noTokenSecretOrKeyAppearsInAnyLogLineMessageOrResponse(SlackHarness.Mode mode) throws Exception {
        List<String> seen = new ArrayList<>();
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("A normal answer."), FakeOpenAi.invalidApiKey(),
                    FakeAnswer.of("the key is " + OPENAI_KEY + " oops"));
            seen.add(h.ask(CHANNEL, USER, "a normal question").rawBody());
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("A normal answer."));
            seen.add(h.ask(CHANNEL, USER, "a question when the key is revoked").rawBody());
            h.slack.awaitCall("response_url", c -> c.text().contains("key was rejected"));
            seen.add(h.send(h.slack.appMention("C0LEAKY0001", USER, "<@" + FakeSlack.BOT_USER_ID + "> leak it", ""), 0).rawBody());
            h.slack.awaitBotMessage("C0LEAKY0001", m -> m.text().contains("withheld"));
            if (mode == SlackHarness.Mode.HTTP) {
                HttpDelivery forged = h.slack.post(h.endpoint(), "application/json", "{\"type\":\"event_callback\"}",
                        Map.of("X-Slack-Request-Timestamp", "1", "X-Slack-Signature", "v0=00"));
                seen.add(forged.body());
            }
            for (SlackCall call : h.slack.calls()) {
                seen.add(call.params().toString());
            }
            h.slack.messages().forEach(m -> seen.add(m.text()));
            seen.add(h.platform.toString());
        }
        seen.add(new SlackConfig(new Secret(BOT_TOKEN), new SlackConfig.Connection.SocketMode(new Secret(APP_TOKEN)),
                SlackConfig.DEFAULT_API_URL, true, java.time.Duration.ofSeconds(1), null).toString());
        seen.add(new SlackConfig.Connection.Http(new Secret(SIGNING_SECRET)).toString());
        Settings bad = new Settings(Map.of("SLACK_BOT_TOKEN", SIGNING_SECRET, "SLACK_APP_TOKEN", OPENAI_KEY));
        SlackConfig.from(bad);
        seen.addAll(bad.problems());

        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage());
            seen.add(event.getMDCPropertyMap().toString());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                seen.add(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) seen.add(frame.getSTEAsString());
            }
        }
        assertThat(logs.list).as("DEBUG logging was captured").hasSizeGreaterThan(20);
        assertThat(logs.list).anyMatch(e -> e.getLoggerName().startsWith("com.slack"));
        for (String text : seen) {
            if (text == null) continue;
            for (String secret : SECRETS) {
                assertThat(text).as("captured text").doesNotContain(secret);
            }
        }
    }
}
