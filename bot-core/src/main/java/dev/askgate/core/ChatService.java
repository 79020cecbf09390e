package dev.askgate.core;

import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.metrics.AskgateMetrics;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers one question the same way for every platform: secret guard, context trim, model stream,
 * leak check of the answer, outcome. Access policy is checked by the adapter before it calls this.
 */
public final class ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final Function<Caller, ChatModel> models;
    private final ChatConfig settings;
    private final SecretGuard guard;
    private final ContextWindow window;
    private final Predicate<String> leaksKey;
    private final Predicate<String> couldBeginKey;
    private final AskgateMetrics metrics;
    private final Spending spending;

    /** Without meters and without spend control: nothing reserved, no ledger. */
    public ChatService(ChatModel model, ChatConfig settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey) {
        this(model, settings, guard, window, leaksKey, AskgateMetrics.none(), Spending.unmetered());
    }

    /** Without spend control. */
    public ChatService(ChatModel model, ChatConfig settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey, AskgateMetrics metrics) {
        this(model, settings, guard, window, leaksKey, metrics, Spending.unmetered());
    }

    /** Without meters. */
    public ChatService(ChatModel model, ChatConfig settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey, Spending spending) {
        this(model, settings, guard, window, leaksKey, AskgateMetrics.none(), spending);
    }

    /**
     * @param leaksKey says whether a text contains the server's own API key (answers that do are withheld)
     * @param metrics  counts outcomes, questions in flight, the time to the first token and model errors
     * @param spending reserves each call's worst case against the budgets and writes its ledger row
     */
    public ChatService(ChatModel model, ChatConfig settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey, AskgateMetrics metrics, Spending spending) {
        this(caller -> model, settings, guard, window, leaksKey, word -> true, metrics, spending);
        Objects.requireNonNull(model, "model");
    }

    /**
     * Each question is sent with its workspace's key ({@link WorkspaceKeys#forCaller}), and an answer holding any of
     * the keys is withheld. A word of the answer is shown as soon as it cannot be the beginning of a key; with the
     * other constructors, which know only whether a text holds the key, each word waits until it is complete.
     */
    public ChatService(WorkspaceKeys keys, ChatConfig settings, SecretGuard guard, ContextWindow window,
                       AskgateMetrics metrics, Spending spending) {
        this(caller -> keys.forCaller(caller).model(), settings, guard, window, keys::appearsIn, keys::couldBegin,
                metrics, spending);
    }

    private ChatService(Function<Caller, ChatModel> models, ChatConfig settings, SecretGuard guard,
                        ContextWindow window, Predicate<String> leaksKey, Predicate<String> couldBeginKey,
                        AskgateMetrics metrics, Spending spending) {
        this.couldBeginKey = Objects.requireNonNull(couldBeginKey, "couldBeginKey");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.spending = Objects.requireNonNull(spending, "spending");
        this.models = Objects.requireNonNull(models, "models");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.window = Objects.requireNonNull(window, "window");
        this.leaksKey = Objects.requireNonNull(leaksKey, "leaksKey");
    }

    public ChatConfig settings() {
        return settings;
    }

    /** Answers {@code request}, streaming the text to {@code sink}; blocks until the answer is complete. */
    public ChatOutcome ask(ChatRequest request, ReplySink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        metrics.started();
        ChatOutcome outcome = null;
        try {
            outcome = answer(request, sink);
            return outcome;
        } catch (RuntimeException e) {
            // Counted as the bot's failure (a bug): the question still ended, and in-flight must come down.
            outcome = new ChatOutcome.Failed(new BotFault(BotFault.Where.CLIENT, e), "");
            throw e;
        } finally {
            if (outcome != null) metrics.finished(request.caller().platform(), outcome);
            else metrics.finished(request.caller().platform(), new ChatOutcome.Failed(
                    new BotFault(BotFault.Where.CLIENT, new IllegalStateException("answer ended abruptly")), ""));
        }
    }

    private ChatOutcome answer(ChatRequest request, ReplySink sink) {
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
        var fit = window.fit(request.systemPromptFrom(settings.systemPrompt()), history, question);
        if (!(fit instanceof ContextWindow.Fit.Fits fitted)) {
            var tooLong = (ContextWindow.Fit.TooLong) fit;
            log.info("request={} platform={} channel={} refused: question of {} tokens exceeds {}",
                    id, caller.platform(), caller.channelId(), tooLong.tokens(), tooLong.limit());
            return new ChatOutcome.Refused(new Refusal.QuestionTooLong(tooLong.tokens(), tooLong.limit()));
        }
        Reservation reservation = reserve(request, fitted);
        ContextWindow.Fit.Fits fits = reservation.fits();
        int outputCap = reservation.outputCap();
        CallCharge charge;
        switch (reservation.check()) {
            case SpendCheck.Refused refused -> {
                if (refused.refusal() instanceof Refusal.OverBudget over) metrics.budgetRefused(over.limit().scope());
                return new ChatOutcome.Refused(refused.refusal());
            }
            case SpendCheck.Go go -> charge = go.charge();
        }

        SinkWatch watched = new SinkWatch(sink);
        LeakFilter filter = new LeakFilter(watched, leaksKey, couldBeginKey);
        ModelResult result;
        boolean asked = false;
        try {
            watched.accepted();
            asked = true;
            FirstToken first = new FirstToken(metrics, filter::accept);
            result = models.apply(caller).stream(new ModelRequest(id, settings.model(), fits.messages(), outputCap,
                    settings.reasoningEffort()), first);
        } catch (RuntimeException e) {
            // The model port reports its failures as results: anything thrown is the sink's failure or a client bug,
            // the bot's own fault either way, and never to be told as an outage of OpenAI.
            BotFault fault = new BotFault(watched.threw(e) ? BotFault.Where.SINK : BotFault.Where.CLIENT, e);
            String line = "request={} platform={} channel={} answer failed inside the bot ({}): {}";
            if (fault.where() == BotFault.Where.SINK) {
                // The platform refused to show it (the adapter logs its error in detail): the bot works.
                log.warn(line, id, caller.platform(), caller.channelId(), fault.where(), e.getClass().getName());
            } else {
                log.error(line, id, caller.platform(), caller.channelId(), fault.where(), e.getClass().getName());
            }
            flushQuietly(request, filter);
            settleAfterFault(charge, asked, e, filter.forwarded(), fits, startNanos);
            return filter.leaked() ? withheld(request) : new ChatOutcome.Failed(fault, filter.forwarded());
        }
        flushQuietly(request, filter);
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        charge.finished(result, spent(result, fits), Duration.ofMillis(millis));

        if (filter.leaked() || result instanceof ModelResult.Completed done && leaksKey.test(done.text())) {
            return withheld(request);
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
                metrics.modelError(error);
                logFailure(request, error, filter.forwarded().length(), millis);
                yield new ChatOutcome.Failed(error, filter.forwarded(), spent(failed, fits));
            }
        };
    }

    private ChatOutcome withheld(ChatRequest request) {
        log.error("request={} platform={} channel={} model={} answer withheld: it contained the server's API key",
                request.requestId(), request.caller().platform(), request.caller().channelId(), settings.model());
        return new ChatOutcome.Refused(new Refusal.AnswerWithheld());
    }

    private static void flushQuietly(ChatRequest request, LeakFilter filter) {
        try {
            filter.flush();
        } catch (RuntimeException e) {
            // A sink that failed during the stream usually fails again here; the outcome must still be returned.
            log.warn("request={} platform={} channel={} reply sink failed: {}", request.requestId(),
                    request.caller().platform(), request.caller().channelId(), e.getClass().getName());
        }
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
     * A fault before the model was asked (the reply could not begin) gives the reservation back; one after it may
     * have reached the model, so the call is charged as a failed one with what had streamed, estimated.
     */
    private void settleAfterFault(CallCharge charge, boolean asked, RuntimeException e, String streamed,
                                  ContextWindow.Fit.Fits fits, long startNanos) {
        if (!asked) {
            charge.release();
            return;
        }
        ModelResult failed = new ModelResult.Failed(new ModelError.Network(e.getClass().getSimpleName()), streamed,
                Usage.NONE);
        charge.finished(failed, spent(failed, fits), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** What the spend check said, for the prompt as it was then counted and the cap sent with it. */
    private record Reservation(ContextWindow.Fit.Fits fits, int outputCap, SpendCheck check) { }

    /**
     * Reserves the call's worst case. A fit let through by its byte bound reserves more input than the prompt can
     * cost. With {@code ASKGATE_MAX_OUTPUT_TOKENS} set, a token or money limit that refuses that is asked once more
     * with the prompt counted, so that a question near a budget is refused only for what it would cost. Without it
     * a count cannot help: the answer's cap grows by what the count saves, and output costs at least as much.
     */
    private Reservation reserve(ChatRequest request, ContextWindow.Fit.Fits fitted) {
        ContextWindow.Fit.Fits fits = countedForTheRoom(fitted);
        SpendCheck check = spending.reserve(request, settings.model(), fits.tokens(), outputCap(fits));
        if (!fits.exact() && settings.maxOutputTokens() > 0 && check instanceof SpendCheck.Refused refused
                && refused.refusal() instanceof Refusal.OverBudget over && over.limit().metric().countsTokens()) {
            ContextWindow.Fit.Fits counted = window.counted(fits);
            check = spending.reserve(request, settings.model(), counted.tokens(), outputCap(counted));
            if (check instanceof SpendCheck.Go) {
                log.info("request={} reserved after all: the prompt counted is {} tokens (its length, {}, was over {})",
                        request.requestId(), counted.tokens(), fits.tokens(), over.limit().path());
            }
            fits = counted;
        }
        return new Reservation(fits, outputCap(fits), check);
    }

    /**
     * Without {@code ASKGATE_MAX_OUTPUT_TOKENS} the answer's cap is the room the prompt leaves, and a byte bound may
     * take several times the count out of it: a prompt bounded at over an eighth of the context is counted, so that
     * the bound never costs the answer more than that eighth.
     */
    private ContextWindow.Fit.Fits countedForTheRoom(ContextWindow.Fit.Fits fits) {
        boolean capIsTheRoom = settings.maxOutputTokens() <= 0;
        boolean boundTakesMuch = !fits.exact() && fits.tokens() > settings.contextTokens() / 8;
        return capIsTheRoom && boundTakesMuch ? window.counted(fits) : fits;
    }

    /**
     * The answer's cap, sent as {@code max_completion_tokens} so that the worst case reserved is real:
     * {@code ASKGATE_MAX_OUTPUT_TOKENS} when set, else the room the context leaves after the prompt (after its byte
     * bound when that let it through, which still leaves at least the room the window reserves for the answer).
     */
    private int outputCap(ContextWindow.Fit.Fits fits) {
        return settings.maxOutputTokens() > 0 ? settings.maxOutputTokens()
                : Math.max(1, settings.contextTokens() - fits.tokens());
    }

    /**
     * What a call used. Text that streamed before a failure was generated, and billed, even without a usage chunk;
     * so was the prompt of a try whose stream began and was lost before its first word ({@code beganThenLost}),
     * the last one or an earlier one retried ({@code lostAttempts}): each is charged its prompt, estimated.
     */
    private Usage spent(ModelResult result, ContextWindow.Fit.Fits fits) {
        Usage last = switch (result) {
            case ModelResult.Completed done -> usage(done.usage(), fits, done.text());
            case ModelResult.Failed failed -> failed.partialText().isEmpty() && !failed.beganThenLost()
                    ? failed.usage() : usage(failed.usage(), fits, failed.partialText());
        };
        if (result.lostAttempts() == 0) return last;
        int prompt = window.counted(fits).tokens();
        return last.plus(Usage.estimated(Math.multiplyExact(prompt, result.lostAttempts()), 0));
    }

    /**
     * The usage the endpoint reported or, when it reported none (a stream cut before its usage chunk, a compatible
     * server that sends none), an estimate with the tokenizer, marked as such: the prompt as sent, the text received.
     */
    private Usage usage(Usage reported, ContextWindow.Fit.Fits sent, String text) {
        return reported.isEmpty() ? Usage.estimated(window.counted(sent).tokens(), window.countText(text)) : reported;
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
