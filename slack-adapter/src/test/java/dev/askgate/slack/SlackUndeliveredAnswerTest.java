package dev.askgate.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** An answer Slack refuses after every retry: the asker gets it privately, the log keeps it at DEBUG only. */
class SlackUndeliveredAnswerTest {
    private static final String ANSWER = "The undelivered answer.";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger undelivered = (Logger) LoggerFactory.getLogger(UndeliveredAnswers.class);

    @BeforeEach
    void capture() {
        undelivered.setLevel(Level.DEBUG);
        logs.start();
        undelivered.addAppender(logs);
    }

    @AfterEach
    void release() {
        undelivered.detachAppender(logs);
    }

    @Test
    void theTextGoesToTheAskerPrivatelyAndToTheLogAtDebugButNeverAtWarn() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            SlackFault[] always429 = new SlackFault[2 * WebApiRetry.ATTEMPTS];
            java.util.Arrays.fill(always429, SlackFault.HTTP_429);
            h.slack.faultNext("chat.postMessage", always429);
            h.openAi.enqueue(FakeAnswer.of(ANSWER));

            h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> tell me", ""), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> true);
            assertThat(note.text()).contains("only for you").endsWith(ANSWER);
            List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).singleElement().satisfies(w -> {
                assertThat(w.getFormattedMessage()).contains("answer of " + ANSWER.length() + " chars", "ratelimited")
                        .doesNotContain(ANSWER);
            });
            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.DEBUG)
                    .anySatisfy(d -> assertThat(d.getFormattedMessage()).contains(ANSWER));
        }
    }
}
