package dev.askgate.core;

import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** OPENAI_MAX_CONCURRENT bounds the model calls open at once; questions beyond it wait briefly, then hear "busy". */
class BusyModelTest {
    private static final String KEY = "sk-" + "proj-" + "FAKE0000busy0000key0000notreal";
    private static final Caller CALLER = new Caller(Platform.DISCORD, "G-FAKE", "C-FAKE", "U-FAKE");
    private static final OutcomeWording WORDING = new OutcomeWording("Ask me.");

    private final OpenAiChain chain = new OpenAiChain(KEY);
    private final FakeOpenAi fake = chain.fake;
    private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        chain.close();
        askers.shutdownNow();
    }

    @Test
    void questionsBeyondTheLimitAreToldTheBotIsBusyAndTheEndpointNeverSeesMoreThanTheLimit() throws Exception {
        ChatService service = service("4", "1");
        fake.holdChatRequests();
        List<Future<ChatOutcome>> asked = new ArrayList<>();
        for (int i = 0; i < 7; i++) asked.add(ask(service, "q" + i));
        fake.awaitRequests(4, Duration.ofSeconds(20));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asked.stream().filter(Future::isDone).count() < 3) { // the three beyond the limit, after their wait
            assertThat(System.nanoTime()).as("three questions told they must wait").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(asked.stream().filter(Future::isDone).count()).as("the four held calls are still open").isEqualTo(3);
        fake.releaseChatRequests();
        List<ChatOutcome> outcomes = new ArrayList<>();
        for (Future<ChatOutcome> f : asked) outcomes.add(f.get(20, TimeUnit.SECONDS));

        assertThat(outcomes).filteredOn(o -> o instanceof ChatOutcome.Answered).hasSize(4);
        assertThat(outcomes).filteredOn(o -> o instanceof ChatOutcome.Failed f && f.cause() instanceof ModelError.Busy)
                .hasSize(3).allSatisfy(o -> assertThat(WORDING.note(o))
                        .isEqualTo("I am answering a lot of questions right now. Please ask again in a minute."));
        assertThat(fake.maxConcurrentChatRequests()).isEqualTo(4);
        assertThat(fake.chatRequests()).hasSize(4);
    }

    @Test
    void aQuestionThatWaitsIsAnsweredWhenACallEndsWithinTheWait() throws Exception {
        ChatService service = service("1", "30");
        fake.holdChatRequests();
        Future<ChatOutcome> first = ask(service, "first");
        fake.awaitRequests(1, Duration.ofSeconds(20));
        Future<ChatOutcome> second = ask(service, "second");

        fake.releaseChatRequests();

        assertThat(first.get(20, TimeUnit.SECONDS)).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(second.get(20, TimeUnit.SECONDS)).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(fake.maxConcurrentChatRequests()).isEqualTo(1);
    }

    private Future<ChatOutcome> ask(ChatService service, String question) {
        return askers.submit(() -> service.ask(new ChatRequest("req-" + question, CALLER, Conversation.empty(),
                question), ReplySink.discarding()));
    }

    private ChatService service(String maxConcurrent, String waitSeconds) throws IOException {
        return chain.service(Map.of("OPENAI_MAX_CONCURRENT", maxConcurrent, "OPENAI_BUSY_WAIT_SECONDS", waitSeconds));
    }
}
