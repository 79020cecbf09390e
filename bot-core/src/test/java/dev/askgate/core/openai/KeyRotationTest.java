package dev.askgate.core.openai;

import ch.qos.logback.classic.Level;
import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.key.ApiKey;
import dev.askgate.core.key.FileKeySource;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeyFiles;
import dev.askgate.core.key.KeyGeneration;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

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

    @Test
    void aKeyFileReplacedUnderConcurrentRequestsSwitchesToTheNewKeyWithoutAFailedRequest() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        runRequestsDuringARotation(file, () -> KeyFiles.writeAtomically(file, NEW));
    }

    @Test
    void aKubernetesSecretUpdateUnderConcurrentRequestsSwitchesToTheNewKeyWithoutAFailedRequest() throws Exception {
        Path file = KeyFiles.kubernetesVolume(dir, "openai", OLD);
        runRequestsDuringARotation(file, () -> KeyFiles.swapKubernetesData(dir, "openai", NEW, 2));
    }

    @Test
    void aKeyFileRewrittenInPlaceInTwoWritesUnderConcurrentRequestsNeverSendsTheHalfKey() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        runRequestsDuringARotation(file, () -> {
            KeyFiles.rewriteInPlaceInTwoParts(file, NEW + "\n", Duration.ofMillis(40));
            fake.acceptOnlyKeys(NEW); // the old key is revoked at once: calls that still carry it must not fail
        });
        assertThat(fake.keysSeen()).containsOnly(OLD, NEW);
        assertThat(logs.events(Level.ERROR, "rejected the API key")).isEmpty();
        assertThat(logs.events(Level.WARN, "the OpenAI key file")).isEmpty();
    }

    @Test
    void aRejectionOfAKeyReplacedMeanwhileIsTriedOnceMoreWithTheNewKeyAndNobodyIsTold() {
        fake.acceptOnlyKeys(NEW);
        KeySource racing = new KeySource() {
            @Override
            public ApiKey current() {
                return new ApiKey(new Secret(OLD), new KeyGeneration(1, "file racing"));
            }

            @Override
            public Optional<ApiKey> afterRejection(KeyGeneration rejected) {
                return Optional.of(new ApiKey(new Secret(NEW), new KeyGeneration(2, "file racing")));
            }

            @Override
            public boolean appearsIn(String text) {
                return text.contains(OLD) || text.contains(NEW);
            }

            @Override
            public void close() {
            }
        };
        OpenAiChatModel model = fixture.model(fixture.config(Duration.ofSeconds(5), 0, "", ""), racing);

        assertThat(model.stream(question("streamed"), t -> { })).isInstanceOf(ModelResult.Completed.class);
        assertThat(model.complete(question("whole"))).isInstanceOf(ModelResult.Completed.class);

        assertThat(fake.keysSeen()).containsExactly(OLD, NEW, OLD, NEW);
        assertThat(logs.events(Level.ERROR, "rejected the API key")).isEmpty();
        assertThat(fixture.sleeper.delays()).isEmpty();
    }

    /** One request: which key generation the source reported just before it started, and how it ended. */
    private record Sent(String question, long generationBefore, ModelResult result) { }

    /**
     * Four virtual threads ask continuously, configured from variables as the launcher does; the key is rotated
     * mid-run. A request started after the source reported the new generation must carry the new key; one
     * started before may carry either (it may have been in flight at the swap).
     */
    private void runRequestsDuringARotation(Path file, Rotation rotate) throws Exception {
        fake.acceptOnlyKeys(OLD, NEW);
        Settings env = new Settings(Map.of("OPENAI_API_KEY_FILE", file.toString(), "OPENAI_BASE_URL", fake.baseUrl()));
        OpenAiConfig config = OpenAiConfig.from(env);
        assertThat(env.problems()).isEmpty();
        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (KeySource keys = config.key().open(); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            OpenAiChatModel model = fixture.model(config, keys);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int worker = t;
                workers.add(threads.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String question = "w" + worker + "-" + n;
                        long generation = keys.generation().number();
                        ModelResult result = n % 2 == 0 ? model.stream(question(question), text -> { })
                                : model.complete(question(question));
                        sent.add(new Sent(question, generation, result));
                    }
                    return null;
                }));
            }
            fake.awaitRequests(40, Duration.ofSeconds(15));
            rotate.run();
            awaitTrue(() -> sent.stream().filter(s -> s.generationBefore() == 2).count() >= 40);
            stop.set(true);
            for (Future<?> w : workers) w.get(15, TimeUnit.SECONDS);
        }

        assertThat(sent).allSatisfy(s -> assertThat(s.result()).as(s.question()).isInstanceOf(ModelResult.Completed.class));
        Map<String, String> keyOf = new HashMap<>();
        fake.chatRequests().forEach(c -> keyOf.put(c.messageContents().getLast(), c.bearerKey()));
        assertThat(sent.stream().filter(s -> s.generationBefore() == 1).map(s -> keyOf.get(s.question())))
                .contains(OLD);
        assertThat(sent.stream().filter(s -> s.generationBefore() == 2).map(s -> keyOf.get(s.question())))
                .isNotEmpty().containsOnly(NEW);
        assertThat(logs.text()).doesNotContain(OLD).doesNotContain(NEW);
    }

    /** Replaces the key file the way an operator or the kubelet does. */
    @FunctionalInterface
    private interface Rotation {
        void run() throws IOException;
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private OpenAiConfig config(Path file) {
        return new OpenAiConfig(URI.create(fake.baseUrl()), "gpt-6-luna", "", "", Duration.ofSeconds(10), 2,
                new KeySpec.FromFile(file));
    }
}
