package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        assertThat(watchLines("ERROR")).singleElement().asString().contains("OpenAI rejected the key (401)");
        assertThat(errorLines()).as("no ERROR line at all for the later checks").hasSize((int) errorsAfterThree);
        assertThat(watch.status().state()).isEqualTo(ModelWatch.State.FAILED);
        assertThat(logs.all()).doesNotContain(KEY);
    }

    @Test
    void onAShortIntervalManyFailedChecksAreStillOneErrorLine() {
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMillis(20));

        watch.start();
        openAi.awaitRequests(5, Duration.ofSeconds(20));
        watch.close();

        assertThat(watchLines("ERROR")).hasSize(1);
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
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch.checkNow();
        watch.checkNow();
        openAi.acceptOnlyKeys(KEY);
        watch.checkNow();
        watch.checkNow();
        openAi.acceptOnlyKeys(OTHER_KEY);
        watch.checkNow();

        assertThat(watchLines("INFO")).hasSize(2).satisfiesExactly(
                first -> assertThat(first).contains("check passed"),
                again -> assertThat(again).contains("passes again"));
        assertThat(watchLines("ERROR")).hasSize(2);
    }

    private Wiring wiring() {
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(), "OPENAI_MAX_RETRIES", "0");
        try {
            return new Wiring(((AskgateConfig.Loaded.Valid) AskgateConfig.load(env)).config());
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
