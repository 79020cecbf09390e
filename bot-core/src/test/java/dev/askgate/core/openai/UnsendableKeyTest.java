package dev.askgate.core.openai;

import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** A key that slipped past the configuration checks, with a character no HTTP header may carry. */
class UnsendableKeyTest {
    private static final String PASTED = "sk-proj-FAKE0000test\u20260000notreal";

    private final ModelFixture fixture = new ModelFixture();
    private final LogCapture logs = LogCapture.start();
    private final OpenAiChatModel model = fixture.model(fixture.config(Duration.ofSeconds(10), 2, "", ""),
            new FixedKeySource(new Secret(PASTED)));

    @AfterEach
    void close() {
        logs.close();
        fixture.close();
    }

    @Test
    void everyKindOfCallEndsAsAClientFailureWithoutARequestOrARetry() {
        ModelResult streamed = model.stream(question("Hi"), text -> { });
        ModelResult whole = model.complete(question("Hi"));
        var checked = model.check();

        for (ModelResult result : new ModelResult[] {streamed, whole}) {
            assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, f -> assertThat(f.error())
                    .isInstanceOfSatisfying(ModelError.NotSent.class,
                            n -> assertThat(n.reason()).startsWith("the request could not be sent")));
        }
        assertThat(checked).isInstanceOfSatisfying(ModelCheck.Unavailable.class,
                u -> assertThat(u.error()).isInstanceOf(ModelError.NotSent.class));
        assertThat(fixture.fake.requestCount()).isZero();
        assertThat(fixture.sleeper.delays()).isEmpty();
        assertThat(logs.text()).contains("IllegalArgumentException").doesNotContain("FAKE0000test");
    }
}
