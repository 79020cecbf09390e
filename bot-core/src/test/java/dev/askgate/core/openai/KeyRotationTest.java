package dev.askgate.core.openai;

import ch.qos.logback.classic.Level;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FileKeySource;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeyFiles;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationTest {
    private static final String OLD = "sk-proj-FAKE1111old1111key1111notreal";
    private static final String NEW = "sk-proj-FAKE2222new2222key2222notreal";

    @TempDir
    Path dir;
    private final ModelFixture fixture = new ModelFixture();
    private final FakeOpenAi fake = fixture.fake;
    private final LogCapture logs = LogCapture.start();

    @AfterEach
    void close() {
        logs.close();
        fixture.close();
    }

    @Test
    void aKeyFileReplacedDuringARunOfRequestsSwitchesKeysWithoutAFailedRequest() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        fake.acceptOnlyKeys(OLD, NEW);
        try (FileKeySource keys = FileKeySource.open(file)) {
            OpenAiChatModel model = fixture.model(config(file), keys);
            List<ModelResult> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                if (i == 5) {
                    KeyFiles.writeAtomically(file, NEW);
                    fake.acceptOnlyKeys(NEW); // the old key is revoked at once
                }
                results.add(i % 2 == 0 ? model.stream(question("Q" + i), t -> { }) : model.complete(question("Q" + i)));
            }

            assertThat(results).allMatch(r -> r instanceof ModelResult.Completed);
            assertThat(fake.keysSeen()).containsExactly(OLD, OLD, OLD, OLD, OLD, NEW, NEW, NEW, NEW, NEW, NEW, NEW);
        }
        assertThat(logs.text()).doesNotContain(OLD).doesNotContain(NEW);
    }

    @Test
    void aKubernetesSecretUpdateSwitchesKeysWithoutAFailedRequest() throws Exception {
        Path file = KeyFiles.kubernetesVolume(dir, "openai", OLD);
        fake.acceptOnlyKeys(OLD, NEW);
        try (FileKeySource keys = FileKeySource.open(file)) {
            OpenAiChatModel model = fixture.model(config(file), keys);
            List<ModelResult> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                if (i == 3) {
                    KeyFiles.swapKubernetesData(dir, "openai", NEW, 2);
                    fake.acceptOnlyKeys(NEW);
                }
                results.add(model.complete(question("Q" + i)));
            }

            assertThat(results).allMatch(r -> r instanceof ModelResult.Completed);
            assertThat(fake.keysSeen()).containsExactly(OLD, OLD, OLD, NEW, NEW, NEW, NEW, NEW);
        }
    }

    @Test
    void aCallInFlightFinishesWithTheKeyItStartedWith() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        fake.enqueue(FakeOpenAi.answer("a slow streamed answer of several words").perTokenDelay(Duration.ofMillis(50)));
        try (FileKeySource keys = FileKeySource.open(file)) {
            OpenAiChatModel model = fixture.model(config(file), keys);
            List<String> deltas = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<ModelResult> slow = CompletableFuture.supplyAsync(
                    () -> model.stream(question("slow"), deltas::add));
            fake.awaitRequests(1, Duration.ofSeconds(10));

            KeyFiles.writeAtomically(file, NEW);
            ModelResult quick = model.complete(question("quick"));

            assertThat(slow.get()).isInstanceOf(ModelResult.Completed.class);
            assertThat(quick).isInstanceOf(ModelResult.Completed.class);
            assertThat(fake.keysSeen()).containsExactly(OLD, NEW);
        }
    }

    @Test
    void aRejectedKeyIsLoggedAsAnErrorOncePerKeyNotPerRequest() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        fake.acceptOnlyKeys("sk-proj-FAKE-the-only-valid-one");
        try (FileKeySource keys = FileKeySource.open(file)) {
            OpenAiChatModel model = fixture.model(config(file), keys);
            for (int i = 0; i < 5; i++) {
                assertThat(model.complete(question("Q" + i))).isInstanceOfSatisfying(ModelResult.Failed.class,
                        f -> assertThat(f.error()).isInstanceOf(ModelError.InvalidKey.class));
            }
            assertThat(logs.events(Level.ERROR, "rejected the API key")).singleElement().satisfies(e ->
                    assertThat(e.getFormattedMessage()).contains("key generation 1", "file " + file,
                            fake.chatRequests().getFirst().answeredRequestId()));
            assertThat(logs.events(Level.WARN, "still rejects")).hasSize(1);

            KeyFiles.writeAtomically(file, NEW); // another wrong key: the operator hears of it too
            model.complete(question("again"));
            assertThat(logs.events(Level.ERROR, "rejected the API key")).hasSize(2)
                    .last().satisfies(e -> assertThat(e.getFormattedMessage()).contains("key generation 2"));
        }
        assertThat(fake.requestCount()).isEqualTo(6);
        assertThat(logs.text()).doesNotContain(OLD).doesNotContain(NEW);
    }

    @Test
    void aRejectedKeyFromTheEnvironmentSaysHowToReplaceIt() {
        fake.acceptOnlyKeys("sk-proj-FAKE-the-only-valid-one");
        OpenAiChatModel model = fixture.model(fixture.config(Duration.ofSeconds(5), 2, "", ""),
                new FixedKeySource(new Secret(OLD)));

        model.stream(question("Hi"), t -> { });
        model.check();

        assertThat(logs.events(Level.ERROR, "rejected the API key")).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("OPENAI_API_KEY").doesNotContain(OLD));
    }

    private OpenAiConfig config(Path file) {
        return new OpenAiConfig(URI.create(fake.baseUrl()), "gpt-5-mini", "", "", Duration.ofSeconds(10), 2,
                new KeySpec.FromFile(file));
    }
}
