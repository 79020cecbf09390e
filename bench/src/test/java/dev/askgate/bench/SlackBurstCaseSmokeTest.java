package dev.askgate.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny burst through the real bench case (the built jar's serve in Socket Mode), so that `mvn verify` keeps the
 * case runnable; the real runs are scripts/bench.
 */
class SlackBurstCaseSmokeTest {

    @BeforeAll
    static void runTheJarThisReactorBuilt() {
        // Surefire runs in bench/; scripts/bench passes the same properties for a run from the root.
        System.setProperty("askgate.bench.jar", "../bot-server/target/askgate.jar");
        System.setProperty("askgate.bench.jvm-options", "../deploy/container/jvm.options");
    }

    @Test
    void aSmallBurstIsAnsweredOnceEachAndPrintedAsATable() throws Exception {
        SlackBurstCase.Shape tiny = new SlackBurstCase.Shape(6, 3, Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofSeconds(60));
        BenchResult result = new SlackBurstCase(tiny, tiny).run(true);

        assertThat(result.row("lost").value()).isEqualTo("0");
        assertThat(result.row("duplicated").value()).isEqualTo("0");
        assertThat(result.row("429s unhandled").value()).isEqualTo("0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultTable(new PrintStream(out, true, StandardCharsets.UTF_8)).print(result);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| whole answer p50 from ack |", "All goals met.");
    }
}
