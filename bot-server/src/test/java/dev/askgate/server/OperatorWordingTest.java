package dev.askgate.server;

import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.OutcomeWording;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorWordingTest {
    private final OperatorWording words = new OperatorWording(new OutcomeWording(""));

    @Test
    void aFaultInsideAskgateTellsTheOperatorWhereAndHowToSeeWhyNeverAnOutageOfTheEndpoint() {
        for (BotFault.Where where : BotFault.Where.values()) {
            String text = words.failure(new BotFault(where, new IllegalStateException("FAKE detail")));
            assertThat(text).as(where.name()).contains("Askgate failed", "IllegalStateException",
                    "ASKGATE_LOG_LEVEL=DEBUG").doesNotContain("OpenAI", "OPENAI_BASE_URL", "FAKE detail");
        }
    }

    @Test
    void aRequestThatWasNeverSentIsAFailureInsideAskgateNotARefusalOfTheEndpoint() {
        assertThat(words.failure(new ModelError.NotSent("FAKE reason")))
                .isEqualTo("The request failed inside Askgate before it was sent; run with ASKGATE_LOG_LEVEL=DEBUG "
                        + "to see why.");
    }

    @Test
    void aModelErrorKeepsItsOperatorWords() {
        assertThat(words.failure(new ModelError.Network(""))).isEqualTo(words.error(new ModelError.Network("")));
    }
}
