package dev.askgate.core.render;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.ScriptedModel;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.testing.ManualClock;
import dev.askgate.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole way through the core as an adapter uses it: ChatService streaming into a StreamingReply. */
class ChatServiceOnAPlatformTest {
    private static final String SERVER_KEY = "sk-" + "proj-" + "FAKE0000server0000key0000notreal";
    private static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "Be brief.", 8000, 1000);
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingTarget target = new RecordingTarget(clock);
    private final OutcomeWording wording = new OutcomeWording("Mention me with a question.");

    private String answerOn(ChatModel model, String question, int limit) {
        ChatService service = new ChatService(model, SETTINGS, new SecretGuard(),
                new ContextWindow(SETTINGS, REGISTRY), text -> text.contains(SERVER_KEY));
        StreamingReply reply = Finishing.watched(new StreamingReply(target, new MessageSplitter(limit),
                EditPacer.forDiscord(EditPacer.DEFAULT_MESSAGE_INTERVAL, clock), "channel-1", scheduler), scheduler);
        ChatRequest request = new ChatRequest("req-9", new Caller(Platform.DISCORD, "g", "channel-1", "u"),
                Conversation.empty(), question);

        ChatOutcome outcome = service.ask(request, reply);
        Finishing.shown(reply, scheduler, outcome, wording.note(outcome));
        return String.join("\n", target.texts());
    }

    @Test
    void anAnswerEndsAsExactlyTheModelsText() {
        String shown = answerOn(ScriptedModel.answering("Run ", "`mvn test`", " from the root."), "How?", 2000);

        assertThat(shown).isEqualTo("Run `mvn test` from the root.");
        assertThat(target.calls("post")).hasSize(1);
    }

    @Test
    void aLongAnswerArrivesInSeveralMessagesEachWithinTheLimit() {
        String code = "```java\n" + "int value = compute();\n".repeat(120) + "```";
        String answer = "Here is the code:\n\n" + code + "\n\nThat is all.";

        answerOn(ScriptedModel.answering(answer.split("(?<=\n)")), "Show me", 2000);

        assertThat(target.texts()).isEqualTo(new MessageSplitter(2000).split(answer));
        assertThat(target.texts()).hasSizeGreaterThan(1)
                .allSatisfy(t -> assertThat(FenceCheck.balanced(t)).isTrue());
    }

    @Test
    void aBrokenStreamKeepsWhatWasShownAndSaysWhatHappened() {
        String shown = answerOn(ScriptedModel.failingAfter(new ModelError.StreamBroken(10, ""), "The first ", "half"),
                "Tell me", 2000);

        assertThat(shown).isEqualTo("The first half\n\nThe answer was cut off: the connection to OpenAI broke.");
    }

    @Test
    void aLeakingAnswerIsCutAndExplained() {
        String shown = answerOn(ScriptedModel.answering("The key is ", SERVER_KEY, " ok"), "key?", 2000);

        assertThat(shown).doesNotContain(SERVER_KEY).startsWith("The key is").contains("withheld");
    }

    @Test
    void aRateLimitBeforeAnyTextIsPostedInWords() {
        String shown = answerOn(ScriptedModel.failingAfter(new ModelError.RateLimited(Duration.ofSeconds(20), "")),
                "Hi", 2000);

        assertThat(shown).isEqualTo("OpenAI is busy right now. Please try again in 20 seconds.");
    }
}
