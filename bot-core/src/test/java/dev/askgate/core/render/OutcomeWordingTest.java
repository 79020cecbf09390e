package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.Usage;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ModelError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeWordingTest {
    private final OutcomeWording wording = new OutcomeWording("Mention me with a question, like: @Askgate what is a monad?");

    @Test
    void aCompleteAnswerNeedsNoNote() {
        assertThat(wording.note(new ChatOutcome.Answered("text", Usage.NONE, "m", "stop"))).isEmpty();
    }

    @Test
    void aTruncatedAnswerSaysItWasCutOff() {
        assertThat(wording.note(new ChatOutcome.Answered("text", Usage.NONE, "m", "length")))
                .contains("cut off").contains("length limit");
    }

    @Test
    void anEmptyAnswerIsNotLeftBlank() {
        assertThat(wording.note(new ChatOutcome.Answered(" ", Usage.NONE, "m", "stop"))).contains("empty answer");
    }

    @Test
    void anEmptyQuestionGetsThePlatformsUsageHint() {
        assertThat(wording.refusal(new Refusal.EmptyQuestion()))
                .isEqualTo("Mention me with a question, like: @Askgate what is a monad?");
        assertThat(new OutcomeWording("").refusal(new Refusal.EmptyQuestion())).isEqualTo("Please ask me a question.");
    }

    @Test
    void aTooLongQuestionGivesTheNumbers() {
        assertThat(wording.refusal(new Refusal.QuestionTooLong(150_000, 120_000)))
                .contains("150000").contains("120000").contains("shorten");
    }

    @Test
    void aSecretIsNamedAndTheUserIsToldToRevokeIt() {
        assertThat(wording.refusal(new Refusal.SecretInQuestion("a Slack token")))
                .contains("a Slack token").contains("revoke").contains("did not send");
    }

    @Test
    void notAllowedAndWithheldAreExplainedPolitely() {
        assertThat(wording.refusal(new Refusal.NotAllowed())).contains("not available");
        assertThat(wording.refusal(new Refusal.AnswerWithheld())).contains("withheld").contains("operator");
    }

    @Test
    void anInvalidKeyIsReportedAsRejectedWithAnOperatorTold() {
        assertThat(wording.error(new ModelError.InvalidKey("req_1")))
                .isEqualTo("The bot's OpenAI key was rejected; an operator has been told.");
    }

    @Test
    void exhaustedQuotaAsksForCredit() {
        assertThat(wording.error(new ModelError.QuotaExceeded(""))).contains("out of credit").contains("operator");
    }

    @Test
    void rateLimitsSayWhenToTryAgain() {
        assertThat(wording.error(new ModelError.RateLimited(Duration.ofMillis(2300), "")))
                .contains("busy").contains("in 3 seconds");
        assertThat(wording.error(new ModelError.RateLimited(Duration.ofSeconds(1), ""))).contains("in 1 second.");
        assertThat(wording.error(new ModelError.RateLimited(Duration.ZERO, ""))).contains("in a few seconds");
    }

    @Test
    void eachTransientFailureSaysWhatHappened() {
        assertThat(wording.error(new ModelError.ContextTooLong(""))).contains("too long").contains("new one");
        assertThat(wording.error(new ModelError.Timeout(Duration.ofSeconds(60), ""))).contains("too long to answer");
        assertThat(wording.error(new ModelError.Upstream(503, ""))).contains("having trouble");
        assertThat(wording.error(new ModelError.Network("connect refused"))).contains("could not reach")
                .doesNotContain("connect refused");
        assertThat(wording.error(new ModelError.StreamBroken(120, "")))
                .isEqualTo("The answer was cut off: the connection to OpenAI broke.");
    }

    @Test
    void configurationProblemsPointToAnOperator() {
        assertThat(wording.error(new ModelError.ModelNotFound("gpt-9", ""))).contains("gpt-9").contains("operator");
        assertThat(wording.error(new ModelError.ModelNotFound("", ""))).doesNotContain("()");
        assertThat(wording.error(new ModelError.PermissionDenied("region blocked", ""))).contains("operator")
                .doesNotContain("region blocked");
    }

    @Test
    void aRejectedRequestShowsNoRawApiText() {
        String raw = "{\"error\": {\"message\": \"Invalid value for 'temperature'\"}}";
        assertThat(wording.error(new ModelError.Rejected(400, "invalid_request_error", "bad", raw, "")))
                .contains("declined").doesNotContain("{").doesNotContain("temperature");
    }

    @Test
    void aRequestThatWasNeverSentIsTheBotsFaultNotADeclineByOpenAi() {
        assertThat(wording.error(new ModelError.NotSent("the request could not be sent (FAKE in the client)")))
                .isEqualTo("Something went wrong inside the bot before your question was sent. "
                        + "An operator can find the details in the log.")
                .doesNotContain("declined", "FAKE");
    }

    @Test
    void everyOutcomeHasShortPlainWords() {
        List<ChatOutcome> outcomes = List.of(
                new ChatOutcome.Refused(new Refusal.EmptyQuestion()),
                new ChatOutcome.Refused(new Refusal.QuestionTooLong(10, 5)),
                new ChatOutcome.Refused(new Refusal.SecretInQuestion("an AWS access key")),
                new ChatOutcome.Refused(new Refusal.NotAllowed()),
                new ChatOutcome.Refused(new Refusal.AnswerWithheld()),
                new ChatOutcome.Failed(new ModelError.InvalidKey(""), ""),
                new ChatOutcome.Failed(new ModelError.PermissionDenied("", ""), ""),
                new ChatOutcome.Failed(new ModelError.ModelNotFound("x", ""), ""),
                new ChatOutcome.Failed(new ModelError.ContextTooLong(""), ""),
                new ChatOutcome.Failed(new ModelError.RateLimited(Duration.ofSeconds(5), ""), ""),
                new ChatOutcome.Failed(new ModelError.QuotaExceeded(""), ""),
                new ChatOutcome.Failed(new ModelError.Upstream(500, ""), ""),
                new ChatOutcome.Failed(new ModelError.Rejected(400, "", "", "", ""), ""),
                new ChatOutcome.Failed(new ModelError.NotSent(""), ""),
                new ChatOutcome.Failed(new ModelError.Timeout(Duration.ofSeconds(1), ""), ""),
                new ChatOutcome.Failed(new ModelError.Network(""), ""),
                new ChatOutcome.Failed(new ModelError.StreamBroken(1, ""), ""),
                new ChatOutcome.Failed(new BotFault(BotFault.Where.SINK, new IllegalStateException()), ""),
                new ChatOutcome.Failed(new BotFault(BotFault.Where.CLIENT, new IllegalStateException()), ""),
                new ChatOutcome.Failed(new BotFault(BotFault.Where.ADAPTER, new IllegalStateException()), ""));
        for (ChatOutcome outcome : outcomes) {
            assertThat(wording.note(outcome)).as(outcome.toString())
                    .isNotBlank().hasSizeLessThan(300).doesNotContain("{", "Exception", "\tat ");
        }
    }

    @Test
    void aFaultInsideTheBotIsNeverWordedAsAProblemOfOpenAi() {
        for (BotFault.Where where : BotFault.Where.values()) {
            String words = wording.note(new ChatOutcome.Failed(new BotFault(where, new IllegalStateException(
                    "FAKE platform text")), ""));
            assertThat(words).as(where.name()).contains("inside the bot").doesNotContain("OpenAI", "FAKE platform text");
        }
    }
}
