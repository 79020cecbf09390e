package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to where spend is kept: the ledger of model calls, budget counters with their reservations, and
 * the seen-ids of platform retries. One store may be shared by several replicas (PostgreSQL), so every check
 * that guards money is atomic inside the store, never check-then-increment in the caller.
 *
 * <p>Every method may throw {@link UsageStoreException} when the database cannot be reached or fails;
 * callers decide what that means (closed for money, open for service).
 */
public interface UsageStore extends AutoCloseable {

    /** Appends one ledger row. */
    void record(LedgerRow row);

    /**
     * Reserves every charge of {@code request} at once, or none: {@link ReserveResult.Refused} names the first
     * limit that would be passed. A reservation not settled or released by its expiry stops holding budget.
     */
    ReserveResult reserve(ReservationRequest request);

    /**
     * Replaces a reservation's holds with what the call really used: tokens, {@code costUsd}, one request.
     * The spend counts in the windows the reservation was made in (a call that ends after midnight is charged
     * to the day it started). A reservation that already expired is still charged (the money was spent); an
     * unknown or already finished id is ignored, so settling twice charges once.
     */
    void settle(ReservationId id, Usage usage, BigDecimal costUsd);

    /** Drops a reservation whose call never reached the model; nothing is charged. Idempotent. */
    void release(ReservationId id);

    /**
     * True the first time {@code eventId} is seen on {@code platform} within the store's dedupe time to live,
     * and records it; false for a repeat, on this replica or any other.
     */
    boolean firstSighting(String platform, String eventId);

    /** Sums of the ledger since {@code since}, one line per group, the costliest first. */
    List<ReportLine> report(ReportGrouping by, Instant since);

    /**
     * Keeps {@code feedback} as its person's vote on its answer ({@code requestId}, {@code user}), replacing an
     * earlier one; a vote older than the one kept (a late delivery) changes nothing.
     */
    void recordFeedback(AnswerFeedback feedback);

    /**
     * The votes given since {@code since}, one line per model of the answers' ledger rows (joined on Askgate's
     * request id), the most voted first.
     */
    List<FeedbackLine> feedbackReport(Instant since);

    /** The time of the oldest ledger row, so that a report over a longer period can say it is cut. */
    Optional<Instant> oldestRow();

    /**
     * Clears {@code subject}'s user spend for the current UTC day and month (and the current minute's
     * requests); reservations in flight keep holding. Idempotent. The ledger is not touched.
     */
    void resetUser(String subject);

    /**
     * Deletes ledger rows and votes older than {@code age}, expired seen-ids and finished budget periods; returns the
     * ledger rows deleted.
     */
    int prune(Duration age);

    /** Budget counter as it stands now (settled plus held), in the metric's unit; for reports and tests. */
    long used(BudgetScope scope, BudgetMetric metric, String subject);

    @Override
    void close();
}
