package dev.askgate.core.metrics;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Platform;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.LedgerRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Askgate's own meters, counted by event: a question finished, a model call settled, the first token, a budget
 * refusal, a model error, a retry. Exposed by the launcher's Prometheus registry as {@code askgate_requests_total},
 * {@code askgate_tokens_total}, {@code askgate_cost_usd_total}, {@code askgate_model_latency_seconds},
 * {@code askgate_time_to_first_token_seconds}, {@code askgate_budget_refusals_total},
 * {@code askgate_model_errors_total}, {@code askgate_retries_total}, {@code askgate_answer_feedback_total}, {@code askgate_requests_in_flight} and
 * {@code askgate_ledger_buffered_rows}. Labels only ever hold fixed words and model names: never a user, a
 * channel, a question or a key, so that a scrape shows nothing private and the series stay few.
 */
public final class AskgateMetrics {
    /** Latency buckets in seconds: a short answer takes about one, a long reasoning answer minutes. */
    private static final Duration[] LATENCY_BUCKETS = seconds(0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300);
    private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60);

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<BufferedLedger> ledger = new AtomicReference<>();
    private final Counter retries;
    private final Timer firstToken;

    public AskgateMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder("askgate.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Questions being answered now").register(registry);
        Gauge.builder("askgate.ledger.buffered.rows", ledger, AskgateMetrics::buffered)
                .description("Ledger rows waiting for the usage store").register(registry);
        retries = Counter.builder("askgate.retries").description("Model calls sent again after a failure")
                .register(registry);
        firstToken = Timer.builder("askgate.time.to.first.token").description("From the call to the first answer text")
                .serviceLevelObjectives(FIRST_TOKEN_BUCKETS).register(registry);
        // Present at zero from the start, so that a dashboard's rate() has a series before the first refusal.
        for (BudgetScope scope : BudgetScope.values()) budgetRefusals(scope);
    }

    /** Meters that go nowhere: for callers (tests, tools) that were given no registry. */
    public static AskgateMetrics none() {
        return new AskgateMetrics(new CompositeMeterRegistry());
    }

    /** The registry these meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A question has started; {@link #finished} must follow. */
    public void started() {
        inFlight.incrementAndGet();
    }

    /** A question from {@code platform} ended with {@code outcome}. */
    public void finished(Platform platform, ChatOutcome outcome) {
        inFlight.decrementAndGet();
        String word = switch (outcome) {
            case ChatOutcome.Answered a -> "answered";
            case ChatOutcome.Refused r -> "refused";
            case ChatOutcome.Failed f -> "failed";
        };
        Counter.builder("askgate.requests").description("Questions by platform and how they ended")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT)).tag("outcome", word)
                .register(registry).increment();
    }

    /** A model call was settled with its ledger row: tokens by kind, cost and latency by model. */
    public void called(LedgerRow row) {
        Usage usage = row.usage();
        tokens(row.model(), "prompt", usage.promptTokens());
        tokens(row.model(), "cached", usage.cachedTokens());
        tokens(row.model(), "cache_write", usage.cacheWriteTokens());
        tokens(row.model(), "completion", usage.completionTokens());
        tokens(row.model(), "reasoning", usage.reasoningTokens());
        Counter.builder("askgate.cost.usd").description("Spend in USD by model, from the price table")
                .tag("model", row.model()).register(registry).increment(row.costUsd().doubleValue());
        Timer.builder("askgate.model.latency").description("Model calls from start to the last token")
                .tag("model", row.model()).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(row.latency());
    }

    /** The first answer text of a call arrived {@code after} the call began. */
    public void firstToken(Duration after) {
        firstToken.record(after);
    }

    /** A question was refused by a {@code scope} budget before it reached the model. */
    public void budgetRefused(BudgetScope scope) {
        budgetRefusals(scope).increment();
    }

    /** A model call failed (after its retries) with {@code error}. */
    public void modelError(ModelError error) {
        modelErrors(ErrorCategory.of(error)).increment();
    }

    /** How many model calls failed with {@code category} (an {@link ErrorCategory} word) since start. */
    public long modelErrorCount(String category) {
        return (long) modelErrors(category).count();
    }

    /** A failed model call is being sent again. */
    public void retried() {
        retries.increment();
    }

    /**
     * A person clicked 👍 or 👎 under an answer on {@code platform}: counts clicks (a changed vote counts again),
     * where the usage report counts each person's latest vote.
     */
    public void answerFeedback(Platform platform, AnswerFeedback.Vote vote) {
        Counter.builder("askgate.answer.feedback").description("Clicks on an answer's feedback buttons, by platform and vote")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT)).tag("vote", vote.word())
                .register(registry).increment();
    }

    /** From now on {@code askgate_ledger_buffered_rows} shows {@code buffered}'s rows (0 until then). */
    public void watch(BufferedLedger buffered) {
        ledger.set(Objects.requireNonNull(buffered, "buffered"));
    }

    private Counter budgetRefusals(BudgetScope scope) {
        return Counter.builder("askgate.budget.refusals").description("Questions refused by a budget, by its scope")
                .tag("scope", scope.configName()).register(registry);
    }

    private Counter modelErrors(String category) {
        return Counter.builder("askgate.model.errors").description("Failed model calls by error category")
                .tag("category", category).register(registry);
    }

    private void tokens(String model, String kind, int count) {
        Counter.builder("askgate.tokens").description("Tokens by model and kind (cached and cache_write are part"
                        + " of prompt, reasoning part of completion)")
                .tag("model", model).tag("kind", kind).register(registry).increment(count);
    }

    private static double buffered(AtomicReference<BufferedLedger> ledger) {
        BufferedLedger current = ledger.get();
        return current == null ? 0 : current.bufferedRows();
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
        return durations;
    }
}
