package dev.askgate.server;

import dev.askgate.core.Turn;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.testkit.openai.FakeModel;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic model endpoint check: what /readyz reports, and that a lasting failure is logged once. */
class ModelWatchTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String OTHER_KEY = "sk-proj-FAKE0000some0000other0000key";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final CapturedLogs logs = new CapturedLogs();
    private final Wiring wiring = wiring();
    private ModelWatch watch;

    @AfterEach
    void close() {
        if (watch != null) watch.close();
        wiring.close();
        openAi.close();
        logs.close();
    }

    @Test
    void aRevokedKeyIsOneErrorLineHoweverManyChecksFailWithNewRequestIds() {
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(10));

        List<String> details = List.of(watch.checkNow().detail(), watch.checkNow().detail(), watch.checkNow().detail());
        long errorsAfterThree = errorLines().size();
        watch.checkNow();
        watch.checkNow();
        watch.checkNow();

        assertThat(openAi.requests()).extracting(RecordedCall::answeredRequestId).doesNotHaveDuplicates().hasSize(6);
        assertThat(details).as("each detail names its own x-request-id").doesNotHaveDuplicates()
                .allMatch(d -> d.startsWith("OpenAI rejected the key (401)"));
        assertThat(errorLines()).as("one ERROR line in all, the model client's, naming the fix").singleElement()
                .asString().contains("OpenAI rejected the API key", "OPENAI_API_KEY");
        assertThat(errorLines()).as("no ERROR line at all for the later checks").hasSize((int) errorsAfterThree);
        assertThat(watch.status().state()).isEqualTo(ModelWatch.State.FAILED);
        assertThat(logs.all()).doesNotContain(KEY);
    }

    @Test
    void aRevokedKeyMetByQuestionsAndByChecksIsExactlyOneErrorLine() {
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(10));

        wiring.model().complete(new ModelRequest("ask-1", "gpt-6-luna", List.of(Turn.user("first question"))));
        watch.checkNow();
        wiring.model().complete(new ModelRequest("ask-2", "gpt-6-luna", List.of(Turn.user("second question"))));
        watch.checkNow();

        assertThat(openAi.requestCount()).as("two questions and two checks reached OpenAI").isEqualTo(4);
        assertThat(errorLines()).singleElement().asString()
                .contains("OpenAI rejected the API key", "key generation 1", "set OPENAI_API_KEY to a valid key");
        assertThat(watch.status().state()).as("readiness still reports it").isEqualTo(ModelWatch.State.FAILED);
        assertThat(watch.status().detail()).startsWith("OpenAI rejected the key (401)");
        assertThat(logs.all()).doesNotContain(KEY);
    }

    @Test
    void onAShortIntervalManyFailedChecksAreStillOneErrorLine() {
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMillis(20));

        watch.start();
        openAi.awaitRequests(5, Duration.ofSeconds(20));
        watch.close();

        assertThat(errorLines()).hasSize(1);
        assertThat(watch.status().detail()).contains("OpenAI rejected the key (401)");
    }

    @Test
    void aCheckThatEndsAfterTheWatchIsClosedChangesNothingAndLogsNothing() {
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(10));
        watch.checkNow();
        int linesBefore = logs.lines().size();

        watch.close(); // closing interrupts a check in flight, which then ends as a failure
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch.checkNow();

        assertThat(watch.status().state()).isEqualTo(ModelWatch.State.OK);
        assertThat(logs.lines().subList(linesBefore, logs.lines().size()))
                .noneMatch(line -> line.contains(ModelWatch.class.getName()));
    }

    @Test
    void eachChangeIsLoggedOnceFailingPassingAgainAndFailingAgain() {
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(10));

        watch.checkNow();
        // An outage (503; a check looks twice before it fails): the watch's own ERROR line, unlike a key rejection.
        openAi.failNextModelChecks(4);
        watch.checkNow();
        watch.checkNow();
        watch.checkNow();
        watch.checkNow();
        openAi.failNextModelChecks(2);
        watch.checkNow();

        assertThat(watchLines("INFO")).hasSize(2).satisfiesExactly(
                first -> assertThat(first).contains("check passed"),
                again -> assertThat(again).contains("passes again"));
        assertThat(watchLines("ERROR")).hasSize(2);
    }

    @Test
    void aShutdownDateAheadIsOneWarnLinePerDayAndShownInTheDetail() {
        var clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
        openAi.models(FakeModel.shutsDownOn("gpt-6-luna", LocalDate.of(2026, 12, 11)));
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(1), clock);

        watch.checkNow();
        clock.advance(Duration.ofMinutes(1));
        watch.checkNow();
        clock.advance(Duration.ofHours(12));
        watch.checkNow();
        ModelWatch.Status sameDay = watch.status();
        clock.advance(Duration.ofHours(12));
        watch.checkNow();

        assertThat(watchLines("WARN")).as("first sight, then a day later, with the days counting down")
                .hasSize(2).satisfiesExactly(
                        first -> assertThat(first).contains("model gpt-6-luna shuts down on 2026-12-11 (10 days left"),
                        later -> assertThat(later).contains("(9 days left"));
        assertThat(watchLines("ERROR")).isEmpty();
        assertThat(sameDay.state()).as("still usable until the day").isEqualTo(ModelWatch.State.OK);
        assertThat(sameDay.detail()).contains("shuts down on 2026-12-11");
    }

    @Test
    void theShutdownDayTurnsTheCheckIntoOneErrorLine() {
        var clock = new SettableClock(Instant.parse("2026-12-10T23:00:00Z"));
        openAi.models(FakeModel.shutsDownOn("gpt-6-luna", LocalDate.of(2026, 12, 11)));
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(1), clock);

        watch.checkNow();
        clock.advance(Duration.ofHours(2));
        watch.checkNow();
        watch.checkNow();

        assertThat(watchLines("WARN")).singleElement().asString().contains("(1 day left");
        assertThat(watchLines("ERROR")).singleElement().asString()
                .contains("model gpt-6-luna was shut down on 2026-12-11");
        assertThat(watch.status().state()).isEqualTo(ModelWatch.State.FAILED);
    }

    @Test
    void endpointsThatListNoDatesAreNeverWarnedAbout() {
        openAi.models("gpt-6-luna");
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(1));

        watch.checkNow();
        watch.checkNow();

        assertThat(watchLines("WARN")).isEmpty();
        assertThat(watch.status().state()).isEqualTo(ModelWatch.State.OK);
        assertThat(watch.status().detail()).doesNotContain("shut");
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Wiring wiring() {
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(), "OPENAI_MAX_RETRIES", "0");
        try {
            return new Wiring(((AskgateConfig.Loaded.Valid) AskgateConfig.load(AskgateRun.withOwnStore(env))).config());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> watchLines(String level) {
        return logs.lines().stream().filter(line -> line.startsWith(level + " " + ModelWatch.class.getName())).toList();
    }

    private List<String> errorLines() {
        return logs.lines().stream().filter(line -> line.startsWith("ERROR ")).toList();
    }
}
