package dev.askgate.core;

import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.usage.CallCharge;
import dev.askgate.core.usage.SpendCheck;
import dev.askgate.core.usage.Spending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Answers one question the same way for every platform: secret guard, context trim, model stream,
 * leak check of the answer, outcome. Access policy is checked by the adapter before it calls this.
 */
public final class ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final ChatModel model;
    private final ChatSettings settings;
    private final SecretGuard guard;
    private final ContextWindow window;
    private final Predicate<String> leaksKey;
    private final Spending spending;

    /** Without spend control: nothing reserved, no ledger. */
    public ChatService(ChatModel model, ChatSettings settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey) {
        this(model, settings, guard, window, leaksKey, Spending.unmetered());
    }

    /**
     * @param leaksKey says whether a text contains the server's own API key (answers that do are withheld)
     * @param spending reserves each call's worst case against the budgets and writes its ledger row
     */
    public ChatService(ChatModel model, ChatSettings settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey, Spending spending) {
        this.spending = Objects.requireNonNull(spending, "spending");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.window = Objects.requireNonNull(window, "window");
        this.leaksKey = Objects.requireNonNull(leaksKey, "leaksKey");
    }

    public ChatSettings settings() {
        return settings;
    }

    /** Answers {@code request}, streaming the text to {@code sink}; blocks until the answer is complete. */
    public ChatOutcome ask(ChatRequest request, ReplySink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        long startNanos = System.nanoTime();
        String id = request.requestId();
        Caller caller = request.caller();
        String question = request.question().strip();
        if (question.isEmpty()) {
            return new ChatOutcome.Refused(new Refusal.EmptyQuestion());
        }
        var secret = guard.findSecret(question);
        if (secret.isPresent()) {
            log.warn("request={} platform={} channel={} refused: the question contains {}",
                    id, caller.platform(), caller.channelId(), secret.get());
            return new ChatOutcome.Refused(new Refusal.SecretInQuestion(secret.get()));
        }
        Conversation history = withoutSecrets(request);
        var fit = window.fit(settings.systemPrompt(), history, question);
        if (!(fit instanceof ContextWindow.Fit.Fits fits)) {
            var tooLong = (ContextWindow.Fit.TooLong) fit;
            log.info("request={} platform={} channel={} refused: question of {} tokens exceeds {}",
                    id, caller.platform(), caller.channelId(), tooLong.tokens(), tooLong.limit());
            return new ChatOutcome.Refused(new Refusal.QuestionTooLong(tooLong.tokens(), tooLong.limit()));
        }
        int outputCap = outputCap(fits);
        CallCharge charge;
        switch (spending.reserve(request, settings.model(), fits.tokens(), outputCap)) {
            case SpendCheck.Refused refused -> {
                return new ChatOutcome.Refused(refused.refusal());
            }
            case SpendCheck.Go go -> charge = go.charge();
        }

        try {
            sink.started();
        } catch (RuntimeException e) {
            charge.release();
            throw e;
        }
        LeakFilter filter = new LeakFilter(sink, leaksKey);
        ModelResult result;
        try {
            result = model.stream(new ModelRequest(id, settings.model(), fits.messages(), outputCap,
                    settings.reasoningEffort()), filter::accept);
        } catch (RuntimeException e) {
            // The model port reports failures as results; anything thrown is a bug or a sink failure.
            log.error("request={} platform={} channel={} model call threw {}",
                    id, caller.platform(), caller.channelId(), e.getClass().getName());
            result = new ModelResult.Failed(new ModelError.Network(e.getClass().getSimpleName()), "", Usage.NONE);
        }
        try {
            filter.flush();
        } catch (RuntimeException e) {
            // A sink that failed during the stream usually fails again here; the outcome must still be returned.
            log.warn("request={} platform={} channel={} reply sink failed: {}",
                    id, caller.platform(), caller.channelId(), e.getClass().getName());
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        charge.finished(result, spent(result, fits), Duration.ofMillis(millis));

        if (filter.leaked() || result instanceof ModelResult.Completed done && leaksKey.test(done.text())) {
            log.error("request={} platform={} channel={} model={} answer withheld: it contained the server's API key",
                    id, caller.platform(), caller.channelId(), settings.model());
            return new ChatOutcome.Refused(new Refusal.AnswerWithheld());
        }
        return switch (result) {
            case ModelResult.Completed done -> {
                Usage usage = spent(done, fits);
                log.info("request={} platform={} workspace={} channel={} model={} answered: {} tokens, "
                                + "history kept={} dropped={}, finish={}, upstream={}, {} ms",
                        id, caller.platform(), caller.workspaceId(), caller.channelId(), modelName(done.model()),
                        usage.summary(), history.turns().size() - fits.dropped(), fits.dropped(),
                        done.finishReason(), done.upstreamRequestId(), millis);
                yield new ChatOutcome.Answered(done.text(), usage, modelName(done.model()), done.finishReason());
            }
            case ModelResult.Failed failed -> {
                ModelError error = failed.error();
                logFailure(request, error, filter.forwarded().length(), millis);
                yield new ChatOutcome.Failed(error, filter.forwarded(), spent(failed, fits));
            }
        };
    }

    /**
     * A rejected key is told to the operator as an ERROR once per key by the model client; a WARN for every
     * question on top of that would bury it, so those failures are logged at DEBUG here.
     */
    private void logFailure(ChatRequest request, ModelError error, int charsShown, long millis) {
        Caller caller = request.caller();
        String line = "request={} platform={} workspace={} channel={} model={} failed: {} after {} chars, "
                + "upstream={}, {} ms";
        Object[] args = {request.requestId(), caller.platform(), caller.workspaceId(), caller.channelId(),
                settings.model(), error.getClass().getSimpleName(), charsShown, error.upstreamRequestId(), millis};
        if (error instanceof ModelError.InvalidKey) {
            log.debug(line, args);
        } else {
            log.warn(line, args);
        }
    }

    /**
     * The answer's cap, sent as {@code max_completion_tokens} so that the worst case reserved is real:
     * {@code ASKGATE_MAX_OUTPUT_TOKENS} when set, else the room the context leaves after the prompt.
     */
    private int outputCap(ContextWindow.Fit.Fits fits) {
        return settings.maxOutputTokens() > 0 ? settings.maxOutputTokens()
                : Math.max(1, settings.contextTokens() - fits.tokens());
    }

    /** What a call used; text that streamed before a failure was generated, and billed, even without a usage chunk. */
    private Usage spent(ModelResult result, ContextWindow.Fit.Fits fits) {
        return switch (result) {
            case ModelResult.Completed done -> usage(done.usage(), fits, done.text());
            case ModelResult.Failed failed -> failed.partialText().isEmpty() ? failed.usage()
                    : usage(failed.usage(), fits, failed.partialText());
        };
    }

    /**
     * The usage the endpoint reported or, when it reported none (a stream cut before its usage chunk, a compatible
     * server that sends none), an estimate with the tokenizer, marked as such: the prompt as sent, the text received.
     */
    private Usage usage(Usage reported, ContextWindow.Fit.Fits sent, String text) {
        return reported.isEmpty() ? Usage.estimated(sent.tokens(), window.countText(text)) : reported;
    }

    private String modelName(String reported) {
        return reported.isBlank() ? settings.model() : reported;
    }

    /** Earlier messages that look like secrets are left out: they must reach the model no more than a question. */
    private Conversation withoutSecrets(ChatRequest request) {
        List<Turn> turns = request.history().turns();
        List<Turn> kept = turns.stream().filter(t -> guard.findSecret(t.text()).isEmpty()).toList();
        if (kept.size() != turns.size()) {
            log.info("request={} left out {} earlier message(s) that looked like secrets",
                    request.requestId(), turns.size() - kept.size());
            return new Conversation(kept);
        }
        return request.history();
    }
}
