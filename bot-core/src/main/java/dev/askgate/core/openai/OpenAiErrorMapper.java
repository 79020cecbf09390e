package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.guard.ShownText;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ModelError;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Sorts an OpenAI error response (status and {@code {"error":{"message","type","param","code"}}} body) or a
 * transport failure into a {@link ModelError} category. Texts taken from the server are shortened and withheld
 * when they contain the key; a 401's text is never kept, since OpenAI quotes part of the key in it.
 */
final class OpenAiErrorMapper {
    private final ObjectMapper json;
    private final ShownText shown;

    OpenAiErrorMapper(ObjectMapper json, KeySource keys) {
        this.json = json;
        this.shown = new ShownText(keys::appearsIn, new SecretGuard());
    }

    ModelError fromResponse(int status, String body, String requestId, String model, Duration retryAfter) {
        return fromError(status, errorNode(body), requestId, model, retryAfter);
    }

    /** An {@code error} object sent inside a 200 stream. */
    ModelError fromStreamError(JsonNode error, String requestId, String model) {
        String code = error.path("code").asText("");
        int status = switch (code) {
            case "rate_limit_exceeded", "insufficient_quota" -> 429;
            case "context_length_exceeded" -> 400;
            default -> 500;
        };
        return fromError(status, error, requestId, model, Duration.ZERO);
    }

    ModelError fromException(IOException e, Timeouts timeouts, String requestId) {
        if (isConnectTimeout(e)) {
            return new ModelError.Timeout(timeouts.connect(), requestId);
        }
        if (e instanceof SocketTimeoutException
                || e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
            return new ModelError.Timeout(timeouts.silence(), requestId);
        }
        String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new ModelError.Network(safe(detail));
    }

    /**
     * A failure of the client itself (a bug, or a request OkHttp refuses to build): not retried, since the same
     * request would fail the same way. Only the exception's class is kept; its message may quote a header.
     */
    ModelError unexpected(RuntimeException e) {
        return new ModelError.NotSent(
                "the request could not be sent (" + e.getClass().getSimpleName() + " in the client)");
    }

    /** The JDK says "Connect timed out" when a socket's connect timeout ends; OkHttp passes that on as it is. */
    private static boolean isConnectTimeout(IOException e) {
        return e instanceof SocketTimeoutException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).startsWith("connect timed out");
    }

    private ModelError fromError(int status, JsonNode error, String requestId, String model, Duration retryAfter) {
        // Type and code are shown too (Rejected, the check's words): plain identifiers, bounded like a header.
        String type = shown.header(error.path("type").asText(""));
        String code = shown.header(error.path("code").asText(""));
        String message = error.path("message").asText("");
        return switch (status) {
            case 401 -> new ModelError.InvalidKey(requestId);
            case 403 -> new ModelError.PermissionDenied(safe(message), requestId);
            case 404 -> code.equals("model_not_found") || mentionsModel(message)
                    ? new ModelError.ModelNotFound(model, requestId)
                    : new ModelError.Rejected(status, type, code, safe(message), requestId);
            case 429 -> code.equals("insufficient_quota") || type.equals("insufficient_quota")
                    ? new ModelError.QuotaExceeded(requestId)
                    : new ModelError.RateLimited(retryAfter, requestId);
            case 408, 409 -> new ModelError.Upstream(status, requestId);
            default -> {
                if (status >= 500) yield new ModelError.Upstream(status, requestId);
                if (code.equals("context_length_exceeded") || message.contains("maximum context length")) {
                    yield new ModelError.ContextTooLong(requestId);
                }
                if (status == 400 && (code.equals("model_not_found") || saysModelIsMissing(message))) {
                    yield new ModelError.ModelNotFound(model, requestId);
                }
                yield new ModelError.Rejected(status, type, code, safe(message), requestId);
            }
        };
    }

    private JsonNode errorNode(String body) {
        try {
            return json.readTree(body == null ? "" : body).path("error");
        } catch (IOException | RuntimeException e) {
            return json.missingNode(); // not JSON (an HTML page from a proxy): the status decides
        }
    }

    /**
     * Compatible servers and proxies answer an unknown model with 400 and words rather than a code: "The model
     * `x` does not exist", "model 'x' not found", LiteLLM's "Invalid model name passed in model=x".
     */
    private static boolean saysModelIsMissing(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("invalid model name")
                || text.contains("model") && (text.contains("does not exist") || text.contains("not found"));
    }

    private static boolean mentionsModel(String message) {
        return message.toLowerCase(Locale.ROOT).contains("model");
    }

    private String safe(String text) {
        return shown.message(text);
    }
}
