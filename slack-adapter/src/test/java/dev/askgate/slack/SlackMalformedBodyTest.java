package dev.askgate.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.askgate.slack.SlackHarness.OPENAI_KEY;
import static dev.askgate.slack.SlackHarness.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed bodies of shapes Slack never sends: each is a 400 with one log line giving the size and the reason,
 * never the body, and reaches neither Bolt nor the model. Unsigned, the same bodies stay 401.
 */
class SlackMalformedBodyTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String MARK = "MARKq7zFAKE";
    private static SlackHarness h;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() throws Exception {
        h = SlackHarness.httpAnsweringFine();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void capture() {
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    static Stream<Arguments> malformed() {
        String command = "command=%2Fask&text=" + MARK + "&team_id=T0FAKE&response_url=http%3A%2F%2F127.0.0.1%2Fr&trigger_id=1.2";
        String mention = "{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event_id\":\"Ev0MALFORMED\",\"event\":";
        return Stream.of(
                Arguments.of("a command without user_id", FORM, command + "&channel_id=C0GENERAL1"),
                Arguments.of("a command without channel_id", FORM, command + "&user_id=U0ALICE001"),
                Arguments.of("a form with a bad escape", FORM, command + "&user_id=U0ALICE001&channel_id=%zz"),
                Arguments.of("a form that is nothing Slack sends", FORM, "hello=" + MARK),
                Arguments.of("an interactive payload that is not JSON", FORM, "payload=%7B" + MARK),
                Arguments.of("an empty array", JSON, "[]"),
                Arguments.of("an array of events", JSON, "[{\"type\":\"event_callback\",\"x\":\"" + MARK + "\"}]"),
                Arguments.of("an event that is a string", JSON, mention + "\"" + MARK + "\"}"),
                Arguments.of("an event without a type", JSON, mention + "{\"text\":\"" + MARK + "\"}}"),
                Arguments.of("a bad escape", JSON, mention + "{\"type\":\"app_mention\",\"text\":\"\\q" + MARK + "\"}}"),
                Arguments.of("a mention without user", JSON, mention + "{\"type\":\"app_mention\",\"channel\":\"C0GENERAL1\","
                        + "\"text\":\"" + MARK + "\",\"ts\":\"1.2\"}}"),
                Arguments.of("a mention without channel", JSON, mention + "{\"type\":\"app_mention\",\"user\":\"U0ALICE001\","
                        + "\"text\":\"" + MARK + "\",\"ts\":\"1.2\"}}"),
                Arguments.of("a mention whose channel is an object", JSON, mention + "{\"type\":\"app_mention\",\"user\":\"U0A\","
                        + "\"channel\":{\"id\":\"" + MARK + "\"},\"ts\":\"1.2\"}}"),
                Arguments.of("a message without user", JSON, mention + "{\"type\":\"message\",\"channel\":\"D0DM\","
                        + "\"channel_type\":\"im\",\"text\":\"" + MARK + "\",\"ts\":\"1.2\"}}"),
                Arguments.of("not JSON", JSON, "{" + MARK + " not json"),
                Arguments.of("JSON with bytes after it", JSON, "{\"type\":\"url_verification\",\"challenge\":\"c\"} " + MARK),
                Arguments.of("a duplicated key", JSON, "{\"type\":\"url_verification\",\"type\":\"" + MARK + "\"}"),
                Arguments.of("an unknown type", JSON, "{\"type\":\"" + MARK + "\"}"),
                Arguments.of("no type", JSON, "{\"challenge\":\"" + MARK + "\"}"),
                Arguments.of("a url_verification without challenge", JSON, "{\"type\":\"url_verification\",\"x\":\"" + MARK + "\"}"),
                Arguments.of("an empty body", FORM, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aSignedMalformedBodyIs400WithOneLineGivingSizeAndReason(String name, String type, String body) {
        int before = h.openAi.requestCount();

        HttpDelivery d = post(type, body, true);

        assertThat(d.status()).as(name).isEqualTo(400);
        assertThat(d.body()).isEqualTo("{\"error\":\"malformed request\"}");
        List<String> lines = lines(Level.INFO);
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        assertThat(lines).as(name).singleElement().asString()
                .startsWith("WARN dev.askgate.slack.SlackHttpEndpoint platform=slack refused a signed request of "
                        + size + " bytes: ");
        assertThat(lines(Level.DEBUG)).as(name).noneMatch(line -> line.contains(MARK))
                .noneMatch(line -> line.contains(SIGNING_SECRET)).noneMatch(line -> line.contains(OPENAI_KEY));
        assertThat(d.body()).doesNotContain(SIGNING_SECRET).doesNotContain(OPENAI_KEY);
        assertThat(h.openAi.requestCount()).isEqualTo(before);
        assertThat(h.slack.calls()).extracting(SlackCall::method).containsOnly("auth.test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void anUnsignedMalformedBodyIsStill401(String name, String type, String body) {
        HttpDelivery d = post(type, body, false);

        assertThat(d.status()).as(name).isEqualTo(401);
        assertThat(d.body()).isEqualTo("{\"error\":\"invalid request\"}");
        assertThat(lines(Level.DEBUG)).noneMatch(line -> line.contains(MARK));
    }

    @Test
    void slacksAppRateLimitedNoticeIs200AndOneWarning() {
        String body = "{\"token\":\"FAKEverificationtoken\",\"type\":\"app_rate_limited\",\"team_id\":\"T0FAKE\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A0FAKE\"}";

        HttpDelivery d = post(JSON, body, true);

        assertThat(d.status()).isEqualTo(200);
        assertThat(lines(Level.INFO)).singleElement().asString()
                .startsWith("WARN dev.askgate.slack.SlackHttpEndpoint platform=slack Slack is holding back")
                .contains("2018-02-12T20:37:00Z").contains("app_rate_limited").doesNotContain("FAKEverificationtoken");
    }

    @Test
    void aWellFormedMessageSubtypeWithoutAUserStillReachesBolt() {
        String body = "{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event_id\":\"Ev0EDITED\",\"event\":"
                + "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C0GENERAL1\",\"ts\":\"1.2\"}}";

        assertThat(post(JSON, body, true).status()).isEqualTo(200);
        assertThat(lines(Level.WARN)).isEmpty();
    }

    private static HttpDelivery post(String type, String body, boolean signed) {
        return h.post(type, body, signed ? h.signedNow(body) : Map.of());
    }

    private List<String> lines(Level atLeast) {
        return List.copyOf(logs.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " | " + e.getThrowableProxy().getMessage()))
                .toList();
    }
}
