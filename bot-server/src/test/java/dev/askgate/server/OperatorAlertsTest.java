package dev.askgate.server;

import dev.askgate.core.Usage;
import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operator alert is told once (log and channel), not again within the hour, and holds no secret. */
class OperatorAlertsTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final BudgetLimit GLOBAL_PER_DAY = BudgetLimit.usd(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY,
            new BigDecimal("10.00"));

    @TempDir
    Path dir;
    private UsageStore store;
    private final MovableClock clock = new MovableClock(Instant.now());
    private final AskgateMetrics metrics = new AskgateMetrics(new SimpleMeterRegistry());
    private final List<String> posted = new ArrayList<>();
    private final CapturedLogs logs = new CapturedLogs();
    private OperatorAlerts alerts;

    @BeforeEach
    void open() {
        store = UsageStores.open("jdbc:sqlite:" + dir.resolve("askgate.db"), "", "");
        AlertChannel channel = new AlertChannel() {
            public String name() { return "test channel"; }
            public void post(String text) { posted.add(text); }
        };
        alerts = new OperatorAlerts(AlertsConfig.DEFAULTS, store, new Budgets(List.of(GLOBAL_PER_DAY)), metrics,
                List.of(channel), clock);
    }

    @AfterEach
    void close() {
        assertThat(String.join("\n", posted) + String.join("\n", logs.lines())).doesNotContain(KEY)
                .doesNotContain("0000notreal").doesNotContain("U0123ABCD");
        logs.close();
        store.close();
    }

    @Test
    void aSpendSpikeIsToldOnceAnHourNotOncePerCall() {
        for (int day = 1; day <= 6; day++) spend(clock.instant().minus(Duration.ofDays(day)), "0.100000");
        spend(clock.instant().minus(Duration.ofMinutes(10)), "2.000000");

        alerts.check();
        spend(clock.instant().minus(Duration.ofMinutes(5)), "3.000000");
        alerts.check();

        assertThat(posted).singleElement().asString().isEqualTo("Askgate spend spike: $2.00 in the last hour, against"
                + " a 7-day hourly average of $0.0036 (alerts.spike_factor 3, alerts.min_usd_per_hour $1.00).");
        assertThat(errors()).singleElement().asString().contains("alert spend_spike: Askgate spend spike: $2.00");

        clock.advance(Duration.ofMinutes(61));
        spend(clock.instant().minus(Duration.ofMinutes(1)), "4.000000");
        alerts.check();
        assertThat(posted).hasSize(2);
        assertThat(posted.get(1)).startsWith("Askgate spend spike: $4.00 in the last hour");
    }

    @Test
    void spendBelowTheHourlyMinimumIsNoSpikeHoweverQuietTheWeekWas() {
        spend(clock.instant().minus(Duration.ofMinutes(10)), "0.900000");

        alerts.check();

        assertThat(posted).isEmpty();
        assertThat(errors()).isEmpty();
    }

    @Test
    void theGlobalBudgetIsToldPast80AndAgainAt100PercentEachOnce() {
        charge("8.500000");
        alerts.check();
        alerts.check();
        charge("1.600000");
        alerts.check();
        alerts.check();

        String resets = " It resets at " + BudgetMetric.USD_PER_DAY.period().end(clock.instant()) + ".";
        assertThat(posted).containsExactly(
                "Askgate global budget past 80%: $8.50 of limits.global.usd_per_day $10.00 spent or held for answers in progress (85%)." + resets,
                "Askgate global budget reached: $10.10 of limits.global.usd_per_day $10.00 spent or held for answers in progress; questions under"
                        + " it are refused." + resets);
        assertThat(errors()).hasSize(2);
    }

    @Test
    void aRejectedKeyAndAnEmptyQuotaAreToldOnceEachWithinTheHour() {
        metrics.modelError(new ModelError.InvalidKey("req-FAKE1"));
        metrics.modelError(new ModelError.InvalidKey("req-FAKE2"));
        alerts.check();
        metrics.modelError(new ModelError.InvalidKey("req-FAKE3"));
        metrics.modelError(new ModelError.QuotaExceeded("req-FAKE4"));
        alerts.check();
        metrics.modelError(new ModelError.QuotaExceeded("req-FAKE5"));
        alerts.check();

        assertThat(posted).containsExactly(
                "Askgate: OpenAI rejected the API key (401): every question fails until the key is replaced."
                        + " Rejected calls since the last alert: 2",
                "Askgate: OpenAI says the key is out of quota (429 insufficient_quota): questions fail until credit"
                        + " is added or the project's limit is raised.");

        clock.advance(Duration.ofMinutes(61));
        alerts.check();
        assertThat(posted).as("nothing new failed in the next hour").hasSize(2);
        metrics.modelError(new ModelError.InvalidKey("req-FAKE6"));
        alerts.check();
        assertThat(posted).hasSize(3);
    }

    @Test
    void aChannelThatFailsDoesNotStopTheLogLine() {
        AlertChannel broken = new AlertChannel() {
            public String name() { return "broken channel"; }
            public void post(String text) { throw new IllegalStateException("FAKE: channel gone"); }
        };
        var withBroken = new OperatorAlerts(new AlertsConfig(new BigDecimal("3"), BigDecimal.ZERO, Optional.empty(),
                Optional.empty()), store, Budgets.NONE, metrics, List.of(broken), clock);
        metrics.modelError(new ModelError.QuotaExceeded("req-FAKE"));

        withBroken.check();

        assertThat(errors()).singleElement().asString().contains("alert out_of_quota");
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("not posted to broken channel"));
    }

    private List<String> errors() {
        return logs.lines().stream().filter(line -> line.startsWith("ERROR " + AlertGate.class.getName())).toList();
    }

    private void spend(Instant at, String usd) {
        store.record(new LedgerRow(at, "slack", "T0FAKE", "C0FAKE", "U0123ABCD", "gpt-6-luna", new Usage(10, 0, 5),
                new BigDecimal(usd), "answered", Duration.ofSeconds(1), "req-FAKE", "main", RedactedKey.of(KEY)));
    }

    /** A call settled for more than it reserved (as a reservation may be), so that spend can pass the limit. */
    private void charge(String usd) {
        var held = (ReserveResult.Reserved) store.reserve(new ReservationRequest(List.of(
                new BudgetCharge(GLOBAL_PER_DAY, BudgetCharge.GLOBAL_SUBJECT, 0)), Duration.ofMinutes(1)));
        store.settle(held.id(), new Usage(10, 0, 5), new BigDecimal(usd));
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
