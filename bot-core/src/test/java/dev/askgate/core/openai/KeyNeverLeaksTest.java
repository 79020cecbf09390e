package dev.askgate.core.openai;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.key.FileKeySource;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeError;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.FakeReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** The configured key string is absent from everything Askgate shows: logs at DEBUG, errors, toString(). */
class KeyNeverLeaksTest {

    @TempDir
    Path dir;

    @Test
    void theKeyAppearsInNoLogLineErrorOrToStringAcrossEveryOutcome() throws Exception {
        List<String> shown = new ArrayList<>();
        String logs;
        try (LogCapture capture = LogCapture.start(); ModelFixture fixture = new ModelFixture()) {
            FakeOpenAi fake = fixture.fake;
            OpenAiChatModel model = fixture.model(Duration.ofSeconds(1), 1);
            List<FakeReply> replies = List.of(
                    FakeOpenAi.answer("fine"),
                    FakeOpenAi.invalidApiKey(), FakeOpenAi.permissionDenied(), FakeOpenAi.modelNotFound(),
                    FakeOpenAi.contextLengthExceeded(), FakeOpenAi.rateLimited().retryAfterSeconds(120),
                    FakeOpenAi.insufficientQuota(), FakeOpenAi.error(400), FakeOpenAi.error(408),
                    FakeOpenAi.error(500), FakeOpenAi.error(502), FakeOpenAi.error(503), FakeOpenAi.error(504),
                    // a misbehaving proxy that echoes the key back in its error text
                    new FakeError(400, "invalid_request_error", "bad_header", "header Bearer " + KEY + " refused",
                            null, Map.of()),
                    new FakeError(403, "forbidden", null, "key " + KEY + " is not allowed here", null, Map.of()),
                    FakeOpenAi.answer("cut short").cutAfter(1),
                    FakeOpenAi.answer("silent").firstTokenAfter(Duration.ofMinutes(1)),
                    FakeOpenAi.answer("fails").failsAfter(1, FakeOpenAi.error(500)),
                    FakeOpenAi.connectionDropped());
            for (FakeReply reply : replies) {
                fake.replyAlways(reply);
                shown.add(model.stream(question("Hi"), t -> { }).toString());
                ModelResult whole = model.complete(question("Hi"));
                shown.add(whole.toString());
                if (whole instanceof ModelResult.Failed f) {
                    shown.add(f.error().toString());
                }
            }
            fake.acceptOnlyKeys("sk-proj-FAKE-someone-else");
            shown.add(model.check().toString());
            fake.close();
            shown.add(model.check().toString());
            shown.add(model.toString());
            shown.add(fixture.config(Duration.ofSeconds(1), 1, "org", "proj").toString());
            java.util.logging.Logger.getLogger("okhttp3.probe").fine("okhttp-style jul probe");
            logs = capture.text();
        }

        assertThat(logs).as("capture sees SLF4J at DEBUG and java.util.logging")
                .contains("rejected the API key", "DEBUG", "okhttp-style jul probe");
        assertThat(logs).doesNotContain(KEY);
        assertThat(shown).noneMatch(text -> text.contains(KEY));
        assertThat(String.join("\n", shown)).contains("withheld");
    }

    @Test
    void keySourcesConfigAndInterceptorDoNotPrintTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("openai"), KEY);
        Settings fromEnv = new Settings(Map.of("OPENAI_API_KEY", KEY));
        Settings fromFile = new Settings(Map.of("OPENAI_API_KEY_FILE", file.toString()));
        try (KeySource fixed = new FixedKeySource(new Secret(KEY)); KeySource watched = FileKeySource.open(file)) {
            List<Object> things = List.of(fixed, watched, fixed.current(), watched.current(), fixed.generation(),
                    OpenAiConfig.from(fromEnv), OpenAiConfig.from(fromFile), OpenAiConfig.from(fromEnv).key(),
                    new ApiKeyInterceptor(fixed, "org", "proj"), new ModelError.InvalidKey("req_1"));
            assertThat(things).allSatisfy(thing -> assertThat(thing.toString()).doesNotContain(KEY));
            assertThat(fixed.appearsIn("here it is: " + KEY)).isTrue();
        }
    }
}
