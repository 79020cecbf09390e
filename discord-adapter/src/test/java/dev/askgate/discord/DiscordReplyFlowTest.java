package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.BotFault;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure inside the adapter is reported as the bot's own, never blamed on OpenAI. */
class DiscordReplyFlowTest {
    private final ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        live.shutdownNow();
    }

    @Test
    void aFailureInsideTheAdapterIsWordedAsTheBotsOwnProblem() {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown(); // the typing renewal cannot be scheduled: the adapter throws during the answer
        List<String> shown = new CopyOnWriteArrayList<>();
        ReplyFlow flow = new ReplyFlow(chat(), EditScheduler.onVirtualThreads(live), stopped);
        DiscordPresenter presenter = new DiscordPresenter(new DiscordWording(),
                EditPacer.forDiscord(Duration.ofMillis(10), Clock.systemUTC()));
        ChatRequest request = new ChatRequest("r1", new Caller(Platform.DISCORD, "1", "2", "3", Set.of()),
                Conversation.empty(), "hello?");

        ChatOutcome outcome = flow.answer(request, presenter, new ReplyPlace(recording(shown), "2", notice -> { }));

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed -> assertThat(failed.cause())
                .isInstanceOfSatisfying(BotFault.class, fault -> assertThat(fault.where()).isEqualTo(BotFault.Where.SINK)));
        assertThat(shown).singleElement().asString().contains("went wrong inside the bot").doesNotContain("OpenAI");
    }

    private static MessageTarget recording(List<String> shown) {
        return new MessageTarget() {
            public String post(String text) { shown.add(text); return "m" + shown.size(); }
            public String postContinuation(String previousId, String text) { return post(text); }
            public void edit(String messageId, String text) { shown.set(shown.size() - 1, text); }
        };
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
