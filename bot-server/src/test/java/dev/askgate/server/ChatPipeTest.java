package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code askgate chat} as a separate JVM, the way a shell pipe runs it ({@code printf ... | askgate chat}): its
 * stdin and stdout are real pipes, so the launcher itself decides that nobody is at a terminal.
 */
class ChatPipeTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private Process child;

    @AfterEach
    void close() {
        if (child != null) child.destroyForcibly();
        openAi.close();
    }

    @Test
    void twoQuestionsThroughAPipeGiveExactlyTheTwoAnswersOnStdout(@TempDir Path dir) throws Exception {
        openAi.enqueue(FakeOpenAi.answer("Paris is the capital of France.").streamedInWords().usage(21, 7),
                FakeOpenAi.answer("About two million people live there.").streamedInWords().usage(40, 8));
        Path stderr = dir.resolve("stderr");
        String java = ProcessHandle.current().info().command().orElseThrow();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Askgate.class.getName(), "chat").redirectError(stderr.toFile());
        builder.environment().clear(); // nothing from the developer's own OPENAI_* settings
        builder.environment().put("OPENAI_API_KEY", KEY);
        builder.environment().put("OPENAI_BASE_URL", openAi.baseUrl());
        builder.environment().putAll(AskgateRun.withOwnStore(Map.of()));
        builder.environment().put("ASKGATE_LOG_LEVEL", "DEBUG"); // every log line, to show where they go
        child = builder.start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return child.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write("What is the capital of France?\nHow many people live there?\n".getBytes(StandardCharsets.UTF_8));
        }

        String out = new String(stdout.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(stderr);
        assertThat(child.exitValue()).as(err).isZero();
        assertThat(out).as("stderr:\n%s", err)
                .isEqualTo("Paris is the capital of France.\nAbout two million people live there.\n");
        assertThat(err).contains("usage: 21 prompt (0 cached) + 7 completion tokens")
                .contains("usage: 40 prompt (0 cached) + 8 completion tokens")
                .as("the log lines went to stderr").contains("DEBUG");
        assertThat(openAi.chatRequests()).hasSize(2);
        assertThat(openAi.chatRequests().get(1).messageContents()).endsWith("What is the capital of France?",
                "Paris is the capital of France.", "How many people live there?");
        assertThat(out + err).doesNotContain(KEY);
    }
}
