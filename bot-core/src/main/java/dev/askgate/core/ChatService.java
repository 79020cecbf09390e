package dev.askgate.core;

import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Answers one question the same way for every platform: secret guard, context trim, model stream,
 * leak check of the answer, outcome. Access policy is checked by the adapter before it calls this.
 */
public final class ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final ChatModel model;
    private final ChatSettings settings;
    private final SecretGuard guard;
    private final ContextWindow window;
    private final Predicate<String> leaksKey;

    /**
     * @param leaksKey says whether a text contains the server's own API key (answers that do are withheld)
     */
    public ChatService(ChatModel model, ChatSettings settings, SecretGuard guard, ContextWindow window,
                       Predicate<String> leaksKey) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.window = Objects.requireNonNull(window, "window");
        this.leaksKey = Objects.requireNonNull(leaksKey, "leaksKey");
    }

    public ChatSettings settings() {
        return settings;
    }

    /** Answers {@code request}, streaming the text to {@code sink}; blocks until the answer is complete. */
    public ChatOutcome ask(ChatRequest request, ReplySink sink) {
        String question = request.question().strip();
        if (question.isEmpty()) {
            return new ChatOutcome.Refused(new Refusal.EmptyQuestion());
        }
        var secret = guard.findSecret(question);
        if (secret.isPresent()) {
            log.warn("request={} refused: question contains {}", request.requestId(), secret.get());
            return new ChatOutcome.Refused(new Refusal.SecretInQuestion(secret.get()));
        }
        throw new UnsupportedOperationException("TODO(H2): trim, stream, leak filter, outcome");
    }
}
