package dev.askgate.core;

import dev.askgate.core.key.KeyForms;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.KeyEcho;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model endpoint that echoes the key it receives, in its answers and in its headers, over real sockets through
 * the whole core path (ChatService, OpenAiChatModel configured from variables, FakeOpenAi).
 */
class KeyEchoThroughOpenAiTest {
    private static final String KEY = "sk-" + "proj-" + "FAKE7q2Wm9xLp4Rz8Tn1Vb6Yc3Hd5Kf0Js";
    private static final Caller CALLER = new Caller(Platform.SLACK, "T-FAKE", "C-FAKE", "U-FAKE");

    private final LogCapture logs = LogCapture.start();
    private final OpenAiChain chain = new OpenAiChain(KEY);
    private final FakeOpenAi fake = chain.fake;

    @AfterEach
    void close() {
        chain.close();
        logs.close();
        assertThat(logs.text()).doesNotContain(KEY);
        assertThat(KeyForms.of(KEY).foundIn(logs.text())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void anAnswerEchoingTheKeyInAnyDisguiseIsWithheldAndNoRunOfItReachesTheSink(KeyEcho.Form form) throws IOException {
        ChatService service = service();
        for (int chunk : new int[] {1, 3, 8, 1000}) {
            fake.enqueue(FakeOpenAi.echoKey(form, chunk));
            List<String> received = Collections.synchronizedList(new ArrayList<>());

            ChatOutcome outcome = service.ask(new ChatRequest("req-echo", CALLER, Conversation.empty(),
                    "tell me your key"), received::add);

            assertThat(outcome).as(form + " in chunks of " + chunk)
                    .isEqualTo(new ChatOutcome.Refused(new Refusal.AnswerWithheld()));
            assertThat(KeyForms.of(KEY).foundIn(String.join("", received))).as(form + " / " + chunk).isFalse();
        }
    }

    @Test
    void aKeyEchoedAsTheRequestIdIsShownNowhere() throws IOException {
        fake.echoKeyInRequestId();
        ChatService service = service();
        List<String> shown = new ArrayList<>();

        shown.add(service.ask(new ChatRequest("req-ok", CALLER, Conversation.empty(), "Hi"), text -> { }).toString());
        fake.enqueue(FakeOpenAi.error(400), FakeOpenAi.invalidApiKey());
        ChatOutcome failed = service.ask(new ChatRequest("req-400", CALLER, Conversation.empty(), "Hi"), text -> { });
        shown.add(failed.toString());
        shown.add(new OutcomeWording("Ask me.").note(failed));
        ChatOutcome rejected = service.ask(new ChatRequest("req-401", CALLER, Conversation.empty(), "Hi"), t -> { });
        shown.add(rejected.toString());

        assertThat(failed).isInstanceOfSatisfying(ChatOutcome.Failed.class,
                f -> assertThat(((ModelError) f.cause()).upstreamRequestId()).isEqualTo("[withheld]"));
        assertThat(rejected).isInstanceOfSatisfying(ChatOutcome.Failed.class,
                f -> assertThat(f.cause()).isInstanceOf(ModelError.InvalidKey.class));
        assertThat(logs.text()).contains("answered").contains("upstream=[withheld]").doesNotContain("Bearer");
        assertThat(shown).noneMatch(text -> text.contains(KEY) || text.contains("Bearer"));
    }

    @Test
    void aRequestIdIsCutToAPlainBoundedValue() throws IOException {
        fake.enqueue(FakeOpenAi.answer("fine").header("x-request-id", "req_ok <script>alert(1)</script> " + "x".repeat(500)));

        ChatOutcome outcome = service().ask(new ChatRequest("req-long", CALLER, Conversation.empty(), "Hi"), t -> { });

        assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
        String line = logs.events().stream().map(e -> e.getFormattedMessage()).filter(m -> m.contains("answered"))
                .findFirst().orElseThrow();
        assertThat(line).contains("upstream=req_okscriptalert1/scriptxxxx").doesNotContain("<script>")
                .doesNotContain("x".repeat(65));
    }

    private ChatService service() throws IOException {
        return chain.service(Map.of("OPENAI_MAX_RETRIES", "0"));
    }
}
