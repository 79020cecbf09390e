package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.render.MessageTarget;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure on Slack's side of an answer is told as the bot's (or Slack's) problem, never blamed on OpenAI. */
class SlackReplyFlowTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final List<String> privately = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void aReplySinkThatFailsIsWordedAsTheBotsOwnProblemToTheAskerAlone() {
        ChatOutcome outcome = answer(new IllegalStateException("the thread is gone"));

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed -> assertThat(failed.cause())
                .isInstanceOfSatisfying(BotFault.class, fault -> assertThat(fault.where()).isEqualTo(BotFault.Where.SINK)));
        assertThat(privately).singleElement().asString().contains("went wrong inside the bot").doesNotContain("OpenAI");
        assertThat(shown).isEmpty();
    }

    @Test
    void slackRefusingToPostTheQuestionIsToldInSlacksWordsNotAsAnOutageOfOpenAi() {
        answer(new SlackCallFailed("chat.postMessage", "not_in_channel"));

        assertThat(privately).singleElement().asString().contains("Invite me").doesNotContain("OpenAI");
        assertThat(shown).isEmpty();
    }

    private ChatOutcome answer(RuntimeException acceptedFails) {
        ReplyFlow flow = new ReplyFlow(chat(), EditScheduler.onVirtualThreads(timer), timer);
        SlackPresenter presenter = new SlackPresenter(new MrkdwnConverter(), new SlackWording(SlackBolt.COMMAND),
                EditPacer.forSlack(Duration.ofMillis(10), Clock.systemUTC()));
        ChatRequest request = new ChatRequest("r1", new Caller(Platform.SLACK, "T1", "C1", "U1"),
                Conversation.empty(), "hello?");
        MessageTarget target = new MessageTarget() {
            public void questionAccepted() { throw acceptedFails; }
            public String post(String text) { shown.add(text); return "ts" + shown.size(); }
            public String postContinuation(String previousId, String text) { return post(text); }
            public void edit(String messageId, String text) { shown.set(shown.size() - 1, text); }
        };
        return flow.answer(request, presenter, new ReplyPlace(target, "T1", privately::add));
    }

    private static ChatService chat() {
        ChatConfig settings = new ChatConfig("gpt-6-luna", "", 4096, 0);
        ChatModel model = new ChatModel() {
            public ModelResult stream(ModelRequest request, DeltaListener onDelta) { throw new AssertionError(); }
            public ModelResult complete(ModelRequest request) { throw new AssertionError(); }
            public ModelCheck check() { return new ModelCheck.Available(); }
        };
        return new ChatService(model, settings, new SecretGuard(), new ContextWindow(settings), text -> false);
    }
}
