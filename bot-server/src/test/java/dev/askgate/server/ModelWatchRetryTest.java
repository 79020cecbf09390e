package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A blip at the model endpoint (a connection it had closed, one 503) does not turn /readyz 503. */
class ModelWatchRetryTest {
    private static final String KEY = "sk-" + "proj-" + "FAKE0000watch0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final CapturedLogs logs = new CapturedLogs();
    private final Wiring wiring = wiring();
    private final ModelWatch watch = new ModelWatch(wiring.model(), wiring.checkText(), Duration.ofMinutes(10));

    @AfterEach
    void close() {
        watch.close();
        wiring.close();
        openAi.close();
        logs.close();
    }

    @Test
    void keptAliveConnectionsTheEndpointClosedDoNotMakeTheCheckFail() {
        openAi.dropReusedConnections();

        List<ModelWatch.State> states = List.of(watch.checkNow().state(), watch.checkNow().state(),
                watch.checkNow().state());

        assertThat(states).containsOnly(ModelWatch.State.OK);
        assertThat(openAi.droppedReusedConnections()).isPositive();
        assertThat(errorLines()).isEmpty();
    }

    @Test
    void oneTransientFailureIsCheckedOnceMoreBeforeTheEndpointIsReportedDown() {
        openAi.failNextModelChecks(1);
        assertThat(watch.checkNow().state()).as("one 503, then a pass").isEqualTo(ModelWatch.State.OK);
        assertThat(errorLines()).isEmpty();

        openAi.failNextModelChecks(2);
        assertThat(watch.checkNow().state()).as("503 twice in a row").isEqualTo(ModelWatch.State.FAILED);
        assertThat(watch.status().detail()).contains("503");
        assertThat(openAi.requests()).as("each check looked twice").hasSize(4);
    }

    private Wiring wiring() {
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(), "OPENAI_MAX_RETRIES", "0");
        try {
            return new Wiring(((AskgateConfig.Loaded.Valid) AskgateConfig.load(AskgateRun.withOwnStore(env))).config());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> errorLines() {
        return logs.lines().stream().filter(line -> line.startsWith("ERROR ")).toList();
    }
}
