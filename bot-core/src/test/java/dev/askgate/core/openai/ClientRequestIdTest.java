package dev.askgate.core.openai;

import dev.askgate.core.Turn;
import dev.askgate.core.model.ModelRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** Askgate's request id goes to OpenAI as X-Client-Request-Id, which OpenAI logs next to its own x-request-id. */
class ClientRequestIdTest {
    private final ModelFixture fixture = new ModelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyAttemptOfAStreamedAnswerCarriesTheQuestionsRequestId() {
        fixture.fake.answerAlways("Hello.");

        fixture.model().stream(question("Hi"), text -> { });

        assertThat(fixture.fake.lastRequest().header("X-Client-Request-Id")).isEqualTo("ask-1");
    }

    @Test
    void aRequestIdThatIsNotASafeHeaderValueIsNotSent() {
        fixture.fake.answerAlways("Hello.");

        fixture.model().complete(new ModelRequest("has spaces\r\nX-Injected: yes", "gpt-6-luna",
                List.of(Turn.user("Hi"))));

        assertThat(fixture.fake.lastRequest().header("X-Client-Request-Id")).isNull();
        assertThat(fixture.fake.lastRequest().header("X-Injected")).isNull();
    }
}
