package dev.askgate.slack;

import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlackConfigTest {
    private static final String BOT = "xoxb-FAKE-1-bot";
    private static final String APP = "xapp-FAKE-1-app";
    private static final String SIGNING = "FAKEsigning0000";

    private static Optional<SlackConfig> read(Settings s) {
        return SlackConfig.from(s);
    }

    @Test
    void withoutAnySlackVariableSlackIsOff() {
        Settings s = new Settings(Map.of());
        assertThat(read(s)).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void aBotAndAnAppTokenMeanSocketModeWithTheDefaults() {
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP));
        SlackConfig settings = read(s).orElseThrow();
        assertThat(s.problems()).isEmpty();
        assertThat(settings.connection()).isInstanceOf(SlackConfig.Connection.SocketMode.class);
        assertThat(settings.httpMode()).isFalse();
        assertThat(settings.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(settings.allowDms()).isTrue();
        assertThat(settings.editInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.access()).isEqualTo(SlackConfig.AccessLists.OPEN);
    }

    @Test
    void aBotTokenAndASigningSecretMeanHttpMode() {
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_SIGNING_SECRET", SIGNING,
                "SLACK_API_URL", "http://127.0.0.1:9999/api", "SLACK_ALLOW_DMS", "false", "SLACK_EDIT_INTERVAL_MS", "2000",
                "SLACK_ALLOWED_CHANNELS", "C1, C2", "SLACK_DENIED_USERS", "U9"));
        SlackConfig settings = read(s).orElseThrow();
        assertThat(s.problems()).isEmpty();
        assertThat(settings.httpMode()).isTrue();
        assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        assertThat(settings.allowDms()).isFalse();
        assertThat(settings.editInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.access().allowedChannels()).isEqualTo(Set.of("C1", "C2"));
        assertThat(settings.access().deniedUsers()).isEqualTo(Set.of("U9"));
    }

    @Test
    void theWebApiTimeoutDefaultsTo15SecondsAndCanBeSet() {
        assertThat(read(new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP))).orElseThrow().apiTimeout())
                .isEqualTo(Duration.ofSeconds(15));
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_API_TIMEOUT_MS", "4000"));
        assertThat(read(s).orElseThrow().apiTimeout()).isEqualTo(Duration.ofSeconds(4));
        Settings bad = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_API_TIMEOUT_MS", "10"));
        read(bad);
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p).contains("SLACK_API_TIMEOUT_MS"));
    }

    @Test
    void answersStreamWhereAllowedByDefaultAndSlackStreamingChoosesOtherwise() {
        assertThat(read(new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP))).orElseThrow().streaming())
                .isEqualTo(SlackConfig.Streaming.AUTO);
        Settings edits = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_STREAMING", "edits"));
        assertThat(read(edits).orElseThrow().streaming()).isEqualTo(SlackConfig.Streaming.EDITS);
        Settings always = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_STREAMING", "Native"));
        assertThat(read(always).orElseThrow().streaming()).isEqualTo(SlackConfig.Streaming.NATIVE);
        Settings bad = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_STREAMING", "stream"));
        read(bad);
        assertThat(bad.problems()).singleElement().asString()
                .contains("SLACK_STREAMING", "native, edits or auto", "stream");
    }

    @Test
    void secretsCanComeFromFiles(@TempDir Path dir) throws Exception {
        Path bot = Files.writeString(dir.resolve("bot"), BOT + "\n");
        Path app = Files.writeString(dir.resolve("app"), APP);
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN_FILE", bot.toString(), "SLACK_APP_TOKEN_FILE", app.toString()));
        SlackConfig settings = read(s).orElseThrow();
        assertThat(settings.botToken().value()).isEqualTo(BOT);
        assertThat(((SlackConfig.Connection.SocketMode) settings.connection()).appToken().value()).isEqualTo(APP);
    }

    @Test
    void everyProblemNamesItsVariableAndNeverTheSecret() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxp-FAKE-user-token");
        env.put("SLACK_APP_TOKEN", "xoxb-FAKE-wrong-kind");
        env.put("SLACK_EDIT_INTERVAL_MS", "fast");
        env.put("SLACK_API_URL", "ftp://nope");
        Settings s = new Settings(env);
        read(s);
        assertThat(s.problems()).hasSize(4);
        assertThat(String.join("\n", s.problems()))
                .contains("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_EDIT_INTERVAL_MS", "SLACK_API_URL")
                .doesNotContain("xoxp-FAKE-user-token", "xoxb-FAKE-wrong-kind");
    }

    @Test
    void aBotTokenAloneOrAnAppTokenAloneIsAProblem() {
        Settings botOnly = new Settings(Map.of("SLACK_BOT_TOKEN", BOT));
        assertThat(read(botOnly)).isEmpty();
        assertThat(botOnly.problems()).singleElement().asString().contains("SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET");
        Settings appOnly = new Settings(Map.of("SLACK_APP_TOKEN", APP));
        assertThat(read(appOnly)).isEmpty();
        assertThat(appOnly.problems()).singleElement().asString().contains("SLACK_BOT_TOKEN");
    }

    @Test
    void aTokenAndItsFileTwinTogetherIsAProblem(@TempDir Path dir) throws Exception {
        Path bot = Files.writeString(dir.resolve("bot"), BOT);
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_BOT_TOKEN_FILE", bot.toString(),
                "SLACK_APP_TOKEN", APP));
        read(s);
        assertThat(s.problems()).anyMatch(p -> p.contains("SLACK_BOT_TOKEN_FILE"));
    }

    @Test
    void printingTheSettingsShowsNoSecret() {
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_SIGNING_SECRET", SIGNING));
        assertThat(read(s).orElseThrow().toString()).doesNotContain(BOT, SIGNING);
    }

    private static Settings socketModeWith(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return new Settings(env);
    }

    @Test
    void theAssistantPanelIsOffUnlessAskedForAndThenHasTheDefaultGreetingAndPrompts() {
        Settings off = socketModeWith();
        assertThat(read(off).orElseThrow().assistant().enabled()).isFalse();

        Settings on = socketModeWith("SLACK_ASSISTANT", "true");
        SlackAssistantConfig panel = read(on).orElseThrow().assistant();
        assertThat(on.problems()).isEmpty();
        assertThat(panel.enabled()).isTrue();
        assertThat(panel.greeting()).isEqualTo(SlackAssistantConfig.DEFAULT_GREETING);
        assertThat(panel.prompts()).isEqualTo(SlackAssistantConfig.DEFAULT_PROMPTS);
    }

    @Test
    void theGreetingAndPromptsAreTheOperatorsWhenGiven() {
        Settings s = socketModeWith("SLACK_ASSISTANT", "on", "SLACK_ASSISTANT_GREETING", "Hello from IT.",
                "SLACK_ASSISTANT_PROMPTS", "VPN help = How do I connect to the VPN? | Reset=How do I reset my password?");
        SlackAssistantConfig panel = read(s).orElseThrow().assistant();
        assertThat(s.problems()).isEmpty();
        assertThat(panel.greeting()).isEqualTo("Hello from IT.");
        assertThat(panel.prompts()).containsExactly(
                new SlackAssistantConfig.Prompt("VPN help", "How do I connect to the VPN?"),
                new SlackAssistantConfig.Prompt("Reset", "How do I reset my password?"));

        Settings none = socketModeWith("SLACK_ASSISTANT", "true", "SLACK_ASSISTANT_PROMPTS", "none");
        assertThat(read(none).orElseThrow().assistant().prompts()).isEmpty();
    }

    @Test
    void badAssistantValuesAreOneLineEachNamingTheVariable() {
        Settings s = socketModeWith("SLACK_ASSISTANT", "maybe", "SLACK_ASSISTANT_PROMPTS", "a=1|b=2|c=3|d=4|e=5");
        read(s);
        assertThat(s.problems()).hasSize(2);
        assertThat(s.problems().get(0)).startsWith("SLACK_ASSISTANT must be true or false");
        assertThat(s.problems().get(1)).startsWith("SLACK_ASSISTANT_PROMPTS holds at most 4 prompts");

        Settings noMessage = socketModeWith("SLACK_ASSISTANT_PROMPTS", "Just a title");
        read(noMessage);
        assertThat(noMessage.problems()).singleElement().asString()
                .startsWith("SLACK_ASSISTANT_PROMPTS must be title=message pairs");

        Settings longTitle = socketModeWith("SLACK_ASSISTANT_PROMPTS", "x".repeat(76) + "=message");
        read(longTitle);
        assertThat(longTitle.problems()).singleElement().asString().contains("1-75 characters");

        Settings longGreeting = socketModeWith("SLACK_ASSISTANT_GREETING", "g".repeat(1001));
        read(longGreeting);
        assertThat(longGreeting.problems()).singleElement().asString()
                .startsWith("SLACK_ASSISTANT_GREETING must be at most 1000 characters");
    }
}
