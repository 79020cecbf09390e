package dev.askgate.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fakes' standalone commands answer with one line each, and a failure is a line, not a crash. */
class FakesMainTest {

    @Test
    void everyCommandAnswersOneLineAndFailuresSayWhy() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var out = new ByteArrayOutputStream();
        try (var fakes = new FakesMain(Map.of("openai-keys", "sk-proj-FAKE0one,sk-proj-FAKE0two"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(fakes.openAiUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
            assertThat(fakes.slackApiUrl()).startsWith("http://").endsWith("/api/");

            assertThat(fakes.run(new String[] {"key-used"})).isEqualTo("failed no request reached the fake OpenAI");
            assertThat(fakes.run(new String[] {"await-answer", "C0NOTHING"}))
                    .isEqualTo("failed nothing was asked in C0NOTHING");
            assertThat(fakes.run(new String[] {"frobnicate"})).isEqualTo("failed unknown command frobnicate");
            assertThat(fakes.run(new String[] {"post-slow", "http://127.0.0.1:" + closedPort + "/slack/events",
                    "C0FAKE0001", "10", "a", "question"})).startsWith("failed").doesNotContain("\n");
        }
    }
}
