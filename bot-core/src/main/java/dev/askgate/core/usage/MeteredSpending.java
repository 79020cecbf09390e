package dev.askgate.core.usage;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Refusal;
import dev.askgate.core.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link Spending} against a {@link UsageStore}: the worst case reserved atomically in the store, ledger rows through
 * the {@link BufferedLedger}. While the store cannot be reached it is closed for money (a question under a USD or
 * token budget is refused) and open for service (other questions are answered, their rows buffered).
 */
public final class MeteredSpending implements Spending {
    private static final Logger log = LoggerFactory.getLogger(MeteredSpending.class);

    private final UsageStore store;
    private final BufferedLedger ledger;
    private final SpendRules rules;
    private final StoreHealth health;
    private final Function<Caller, PayingKey> payingKey;
    private final Clock clock;
    private final Consumer<LedgerRow> recorded;
    private final OutageLimits outage = new OutageLimits();

    /**
     * @param payingKey the key a call of this caller made now is sent with (its name and redacted form, never the
     *                  key)
     */
    public MeteredSpending(UsageStore store, BufferedLedger ledger, SpendRules rules, StoreHealth health,
                           Function<Caller, PayingKey> payingKey, Clock clock) {
        this(store, ledger, rules, health, payingKey, clock, row -> { });
    }

    /** @param recorded hears of every ledger row as it is written (the metrics of tokens, cost and latency) */
    public MeteredSpending(UsageStore store, BufferedLedger ledger, SpendRules rules, StoreHealth health,
                           Function<Caller, PayingKey> payingKey, Clock clock, Consumer<LedgerRow> recorded) {
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.health = Objects.requireNonNull(health, "health");
        this.payingKey = Objects.requireNonNull(payingKey, "payingKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SpendCheck reserve(ChatRequest request, String model, int promptTokens, int outputCap) {
        Caller caller = request.caller();
        BigDecimal worstUsd = PriceTable.worstCase(rules.prices().price(model).orElse(ModelPrice.FREE), promptTokens,
                outputCap);
        List<BudgetCharge> charges = rules.budgets().charges(caller, (long) promptTokens + outputCap, worstUsd,
                rules.isAdmin(caller));
        if (charges.isEmpty()) return go(request, model, Optional.empty());
        // Limits that count money (tokens are money by another name) are never passed on a guess.
        boolean guardsSpend = charges.stream().anyMatch(charge -> charge.limit().metric().countsTokens());
        // A question skipping a store known to be down is no new failure: it neither re-arms the retry clock nor
        // rewrites the outage's reason.
        if (!health.worthTrying()) return whileStoreDown(request, model, charges, guardsSpend);
        ReserveResult result;
        try {
            result = store.reserve(new ReservationRequest(charges, rules.hold()));
            health.reachable();
        } catch (UsageStoreException e) {
            health.unreachable(e.getMessage());
            return whileStoreDown(request, model, charges, guardsSpend);
        }
        return switch (result) {
            case ReserveResult.Reserved reserved -> go(request, model, Optional.of(reserved.id()));
            case ReserveResult.Refused refused -> {
                log.info("request={} platform={} workspace={} channel={} refused: {} reached ({} used), resets {}",
                        request.requestId(), caller.platform(), caller.workspaceId(), caller.channelId(),
                        refused.limit().path(), refused.used(), refused.resetsAt());
                yield new SpendCheck.Refused(new Refusal.OverBudget(refused.limit(), refused.used(), refused.resetsAt()));
            }
        };
    }

    private SpendCheck whileStoreDown(ChatRequest request, String model, List<BudgetCharge> charges,
                                      boolean guardsSpend) {
        if (guardsSpend) {
            log.warn("request={} platform={} channel={} refused: spending cannot be checked (usage store down)",
                    request.requestId(), request.caller().platform(), request.caller().channelId());
            return new SpendCheck.Refused(new Refusal.SpendingUnknown());
        }
        return inMemory(request, model, charges);
    }

    /** Request and concurrency limits while the store is down: counted in this replica's memory. */
    private SpendCheck inMemory(ChatRequest request, String model, List<BudgetCharge> charges) {
        return switch (outage.reserve(charges, clock.instant())) {
            case OutageLimits.Result.Held held -> go(request, model, Optional.empty(), Optional.of(held.hold()));
            case OutageLimits.Result.Refused refused -> {
                log.info("request={} platform={} workspace={} channel={} refused while the usage store is down: {} "
                                + "reached ({} used on this replica)", request.requestId(), request.caller().platform(),
                        request.caller().workspaceId(), request.caller().channelId(), refused.limit().path(),
                        refused.used());
                yield new SpendCheck.Refused(new Refusal.OverBudget(refused.limit(), refused.used(), refused.resetsAt()));
            }
        };
    }

    private SpendCheck go(ChatRequest request, String model, Optional<ReservationId> reservation) {
        return go(request, model, reservation, Optional.empty());
    }

    private SpendCheck go(ChatRequest request, String model, Optional<ReservationId> reservation,
                          Optional<OutageLimits.Hold> held) {
        PayingKey paying = payingKey.apply(request.caller());
        return new SpendCheck.Go(new MeteredCharge(this, request, model, reservation, held, clock.instant(), paying));
    }

    /** The cost of {@code usage} at the reported model's price, else the asked model's; a model without any is free. */
    BigDecimal cost(String reported, String asked, Usage usage) {
        Optional<ModelPrice> price = rules.prices().price(reported).or(() -> rules.prices().price(asked));
        return PriceTable.cost(price.orElse(ModelPrice.FREE), usage);
    }

    void record(LedgerRow row) {
        ledger.record(row);
        recorded.accept(row);
    }

    void settle(String requestId, ReservationId id, Usage usage, BigDecimal cost) {
        try {
            store.settle(id, usage, cost);
            health.reachable();
        } catch (UsageStoreException e) {
            health.unreachable(e.getMessage());
            // Until the store takes the settlement, the reservation's hold (the worst case) stands for the call.
            log.warn("request={} settling the reservation failed, kept to settle when the store is back: {}",
                    requestId, e.getMessage());
            ledger.settleLater(id, usage, cost);
        }
    }

    void release(String requestId, ReservationId id) {
        try {
            store.release(id);
            health.reachable();
        } catch (UsageStoreException e) {
            health.unreachable(e.getMessage());
            log.warn("request={} releasing the reservation failed (it expires by itself): {}", requestId, e.getMessage());
        }
    }
}
