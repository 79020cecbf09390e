package dev.askgate.core.openai;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.key.KeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiConfigTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    @TempDir
    Path dir;

    @Test
    void onlyTheKeyIsNeededAndTheRestHasDefaults() {
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(s.problems()).isEmpty();
        assertThat(config).isEqualTo(new OpenAiConfig(URI.create("https://api.openai.com/v1"), "gpt-6-luna", "", "",
                Duration.ofSeconds(60), 2, new KeySpec.FromValue(new Secret(KEY))));
    }

    @Test
    void readsEveryVariable() {
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://localhost:11434/v1/",
                "OPENAI_MODEL", "llama3.2", "OPENAI_ORG_ID", "org-FAKE", "OPENAI_PROJECT_ID", "proj_FAKE",
                "OPENAI_TIMEOUT_SECONDS", "90", "OPENAI_MAX_RETRIES", "0"));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(s.problems()).isEmpty();
        assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
        assertThat(config.endpoint("/models")).isEqualTo("http://localhost:11434/v1/models");
        assertThat(config.model()).isEqualTo("llama3.2");
        assertThat(config.orgId()).isEqualTo("org-FAKE");
        assertThat(config.projectId()).isEqualTo("proj_FAKE");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxRetries()).isZero();
    }

    @Test
    void aKeyFileIsKeptAsAPathToWatch() throws IOException {
        Path file = Files.writeString(dir.resolve("openai"), KEY + "\n");
        Settings s = new Settings(Map.of("OPENAI_API_KEY_FILE", file.toString()));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(s.problems()).isEmpty();
        assertThat(config.key()).isEqualTo(new KeySpec.FromFile(file));
        assertThat(config.toString()).contains(file.toString()).doesNotContain(KEY);
    }

    @Test
    void bothKeyVariablesSetIsAProblemThatNamesBoth() throws IOException {
        Path file = Files.writeString(dir.resolve("openai"), KEY);
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_API_KEY_FILE", file.toString()));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(s.problems()).singleElement().asString()
                .contains("OPENAI_API_KEY", "OPENAI_API_KEY_FILE").doesNotContain(KEY);
        assertThat(config.key()).isInstanceOf(KeySpec.Missing.class);
        assertThatThrownBy(() -> config.key().open()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noKeyIsAProblem() {
        Settings s = new Settings(Map.of());

        OpenAiConfig.from(s);

        assertThat(s.problems()).singleElement().asString().contains("OPENAI_API_KEY");
    }

    @Test
    void anEmptyOrMissingKeyFileIsAProblemNamingTheVariable() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        Settings s1 = new Settings(Map.of("OPENAI_API_KEY_FILE", empty.toString()));
        Settings s2 = new Settings(Map.of("OPENAI_API_KEY_FILE", dir.resolve("missing").toString()));

        OpenAiConfig.from(s1);
        OpenAiConfig.from(s2);

        assertThat(s1.problems()).singleElement().asString().contains("OPENAI_API_KEY_FILE", "empty");
        assertThat(s2.problems()).singleElement().asString().contains("OPENAI_API_KEY_FILE", "cannot be read");
    }

    @Test
    void badValuesAreAllReportedAtOnceByName() {
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "ftp://example.com",
                "OPENAI_TIMEOUT_SECONDS", "soon", "OPENAI_MAX_RETRIES", "-1", "OPENAI_MODEL", "gpt 5"));
        Settings s = new Settings(env);

        OpenAiConfig.from(s);

        assertThat(s.problems()).hasSize(4);
        assertThat(String.join("\n", s.problems())).contains("OPENAI_BASE_URL", "OPENAI_TIMEOUT_SECONDS",
                "OPENAI_MAX_RETRIES", "OPENAI_MODEL").doesNotContain(KEY);
    }

    @Test
    void aKeyPastedIntoTheWrongVariableIsNotQuoted() {
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_MAX_RETRIES", KEY,
                "OPENAI_TIMEOUT_SECONDS", "sk-proj-FAKE-another-key-0000"));

        OpenAiConfig.from(s);

        assertThat(s.problems()).hasSize(2);
        assertThat(String.join("\n", s.problems())).contains("OPENAI_MAX_RETRIES", "OPENAI_TIMEOUT_SECONDS")
                .doesNotContain(KEY).doesNotContain("sk-proj-FAKE-another");
    }

    @Test
    void toStringNeverShowsTheKeyNorUrlCredentials() {
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "https://user:FAKEpass@proxy.example/v1"));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(config.toString()).doesNotContain(KEY).doesNotContain("FAKEpass").contains("proxy.example");
        assertThat(config.key().toString()).doesNotContain(KEY);
    }

    @Test
    void aKeyWithCharactersAHeaderCannotCarryIsAProblemThatHidesTheValue() {
        for (String pasted : new String[] {"sk-proj-FAKE0000test\u20260000notreal", "sk-proj-FAKE0000 test0000notreal",
                "sk-proj-FAKE0000test\n0000notreal", "sk-proj-FAKE0000test\u201d"}) {
            Settings s = new Settings(Map.of("OPENAI_API_KEY", pasted));

            OpenAiConfig config = OpenAiConfig.from(s);

            assertThat(s.problems()).as(pasted).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("OPENAI_API_KEY ").contains("value not shown").doesNotContain("FAKE0000"));
            assertThat(config.key()).isInstanceOf(KeySpec.Missing.class);
        }
    }

    @Test
    void aKeyFileWithALineBreakInsideTheKeyIsAProblemNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("openai"), "sk-proj-FAKE0000test\n0000key0000notreal\n");
        Settings s = new Settings(Map.of("OPENAI_API_KEY_FILE", file.toString()));

        OpenAiConfig config = OpenAiConfig.from(s);

        assertThat(s.problems()).singleElement().satisfies(line -> assertThat(line)
                .contains("OPENAI_API_KEY_FILE", file.toString(), "line break").doesNotContain("FAKE0000"));
        assertThat(config.key()).isInstanceOf(KeySpec.Missing.class);
    }

    @Test
    void anOrganizationIdAHeaderCannotCarryIsAProblem() {
        Settings s = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_ORG_ID", "org-\u2026FAKE"));

        OpenAiConfig.from(s);

        assertThat(s.problems()).singleElement().satisfies(line -> assertThat(line).startsWith("OPENAI_ORG_ID "));
    }
}
