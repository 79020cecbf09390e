package dev.askgate.core.openai;

import dev.askgate.core.model.ModelResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model endpoint that closes kept-alive connections while they sit idle in the pool: the next request on one
 * fails before any response byte. It is sent again at once on a fresh connection, without a back-off wait.
 */
class StaleConnectionTest {
    private final ModelFixture fixture = new ModelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theFirstAnswerAfterAnIdleCloseArrivesWithoutABackOffSleep() {
        fixture.fake.dropReusedConnections();
        OpenAiChatModel model = fixture.model(Duration.ofSeconds(10), 2);

        for (int i = 0; i < 4; i++) {
            ModelResult result = i % 2 == 0 ? model.stream(question("Q" + i), t -> { }) : model.complete(question("Q" + i));
            assertThat(result).as("answer " + i).isInstanceOf(ModelResult.Completed.class);
        }
        model.check();

        assertThat(fixture.fake.droppedReusedConnections()).as("each later request met a closed connection")
                .isGreaterThanOrEqualTo(4);
        assertThat(fixture.fake.chatRequests()).as("the server's handler saw each question once").hasSize(4);
        assertThat(fixture.fake.requests()).as("and the check once").hasSize(5);
        assertThat(fixture.sleeper.delays()).as("no back-off wait").isEmpty();
    }

    @Test
    void aFailureOnAFreshConnectionIsStillLeftToTheRetryPolicy() {
        fixture.fake.enqueue(dev.askgate.testkit.openai.FakeOpenAi.connectionDropped());
        OpenAiChatModel model = fixture.model(Duration.ofSeconds(10), 2);

        assertThat(model.complete(question("Q"))).isInstanceOf(ModelResult.Completed.class);

        assertThat(fixture.sleeper.delays()).hasSize(1);
    }
}
