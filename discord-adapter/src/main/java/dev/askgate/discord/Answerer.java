package dev.askgate.discord;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.Refusal;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.render.MessageSplitter;
import dev.askgate.core.render.MessageTarget;
import dev.askgate.core.render.StreamingReply;
import net.dv8tion.jda.api.entities.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Takes one question through the core and shows it on Discord: typing, streamed and paced edits, parts of at
 * most 2,000 characters, and the outcome's note (an error keeps the text already shown and is appended to it).
 * A question refused for containing a secret is not answered in place; {@code onSecret} decides where the
 * notice goes. Blocks: run it on a virtual thread.
 */
final class Answerer {
    private static final Logger log = LoggerFactory.getLogger(Answerer.class);
    private static final long FINISH_TIMEOUT_SECONDS = 120;

    private final ChatService chat;
    private final EditPacer pacer;
    private final EditScheduler scheduler;
    private final ScheduledExecutorService timer;
    private final DiscordWording wording;
    private final MessageSplitter splitter = new MessageSplitter(Message.MAX_CONTENT_LENGTH);

    Answerer(ChatService chat, EditPacer pacer, EditScheduler scheduler, ScheduledExecutorService timer,
             DiscordWording wording) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.wording = Objects.requireNonNull(wording, "wording");
    }

    ChatOutcome answer(ChatRequest request, MessageTarget target, String channelKey, Consumer<String> onSecret) {
        StreamingReply reply = new StreamingReply(target, splitter, pacer, channelKey, scheduler);
        TypingSink sink = new TypingSink(reply, target::typing, timer);
        ChatOutcome outcome;
        try {
            outcome = chat.ask(request, sink);
        } catch (RuntimeException e) {
            log.error("request={} platform=discord channel={} answering failed: {}", request.requestId(), channelKey,
                    e.getClass().getName());
            // A failure inside the bot, not OpenAI's: the words say so (status 0: nothing was sent upstream).
            outcome = new ChatOutcome.Failed(new ModelError.Rejected(0, "client_error", "adapter_failure",
                    e.getClass().getSimpleName(), ""), reply.text());
        } finally {
            sink.stop();
        }
        if (outcome instanceof ChatOutcome.Refused(Refusal.SecretInQuestion secret)) {
            onSecret.accept(wording.refusal(secret));
            return outcome;
        }
        if (target instanceof ThreadReplyTarget thread && !(outcome instanceof ChatOutcome.Answered)
                && reply.text().isBlank()) {
            thread.keepInChannelUnlessOpened();
        }
        show(request, reply, outcome, channelKey);
        return outcome;
    }

    private void show(ChatRequest request, StreamingReply reply, ChatOutcome outcome, String channelKey) {
        try {
            reply.finish(outcome, wording.note(outcome)).get(FINISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            log.warn("request={} platform=discord channel={} the final message could not be sent: {}",
                    request.requestId(), channelKey, DiscordErrors.describe(e.getCause()));
        } catch (TimeoutException e) {
            log.warn("request={} platform=discord channel={} the final message is still waiting for Discord",
                    request.requestId(), channelKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
