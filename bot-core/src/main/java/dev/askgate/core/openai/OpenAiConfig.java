package dev.askgate.core.openai;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.config.UnreadableSecretFile;
import dev.askgate.core.key.KeyCharacters;
import dev.askgate.core.key.KeySpec;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the OpenAI API (or a compatible server): base URL without trailing slash, default model,
 * optional organization and project ids ("" when unset), the timeout for silence, retries, and where the key
 * comes from (never the key in {@code toString}).
 */
public record OpenAiConfig(URI baseUrl, String model, String orgId, String projectId, Duration timeout,
                           int maxRetries, KeySpec key, CallLimit callLimit) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-6-luna";

    public OpenAiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
        orgId = orgId == null ? "" : orgId.strip();
        projectId = projectId == null ? "" : projectId.strip();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(callLimit, "callLimit");
    }

    /** With the default {@link CallLimit}. */
    public OpenAiConfig(URI baseUrl, String model, String orgId, String projectId, Duration timeout, int maxRetries,
                        KeySpec key) {
        this(baseUrl, model, orgId, projectId, timeout, maxRetries, key, CallLimit.DEFAULT);
    }

    /**
     * Reads {@code OPENAI_API_KEY} or {@code OPENAI_API_KEY_FILE} (exactly one), {@code OPENAI_BASE_URL},
     * {@code OPENAI_MODEL}, {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}, {@code OPENAI_TIMEOUT_SECONDS}
     * and {@code OPENAI_MAX_RETRIES}. Each problem becomes a line in {@code s.problems()}; when there is one,
     * the returned config must not be used (its key may be {@link KeySpec.Missing}).
     */
    public static OpenAiConfig from(Settings s) {
        KeySpec key = keySpec(s);
        Optional<Secret> value = key instanceof KeySpec.FromValue v ? Optional.of(v.key()) : Optional.empty();
        URI baseUrl = s.url("OPENAI_BASE_URL", DEFAULT_BASE_URL);
        String model = guarded(s, "OPENAI_MODEL", value) ? s.string("OPENAI_MODEL", DEFAULT_MODEL) : DEFAULT_MODEL;
        if (model.chars().anyMatch(Character::isWhitespace)) {
            s.problem("OPENAI_MODEL must be a model id without spaces, such as " + DEFAULT_MODEL);
            model = DEFAULT_MODEL;
        }
        String org = headerValue(s, "OPENAI_ORG_ID", guarded(s, "OPENAI_ORG_ID", value));
        String project = headerValue(s, "OPENAI_PROJECT_ID", guarded(s, "OPENAI_PROJECT_ID", value));
        Duration timeout = guarded(s, "OPENAI_TIMEOUT_SECONDS", value)
                ? s.seconds("OPENAI_TIMEOUT_SECONDS", Duration.ofSeconds(60), 1, 3600) : Duration.ofSeconds(60);
        int retries = guarded(s, "OPENAI_MAX_RETRIES", value) ? s.integer("OPENAI_MAX_RETRIES", 2, 0, 10) : 2;
        return new OpenAiConfig(baseUrl, model, org, project, timeout, retries, key, callLimit(s, value));
    }

    /** {@code OPENAI_MAX_CONCURRENT} and {@code OPENAI_BUSY_WAIT_SECONDS}. */
    private static CallLimit callLimit(Settings s, Optional<Secret> key) {
        int max = guarded(s, "OPENAI_MAX_CONCURRENT", key) ? s.integer("OPENAI_MAX_CONCURRENT",
                CallLimit.DEFAULT_MAX_CONCURRENT, 1, CallLimit.MAX_MAX_CONCURRENT) : CallLimit.DEFAULT_MAX_CONCURRENT;
        Duration wait = guarded(s, "OPENAI_BUSY_WAIT_SECONDS", key)
                ? s.seconds("OPENAI_BUSY_WAIT_SECONDS", CallLimit.DEFAULT_BUSY_WAIT, 0, 60) : CallLimit.DEFAULT_BUSY_WAIT;
        return new CallLimit(max, wait);
    }

    private static KeySpec keySpec(Settings s) {
        boolean direct = s.isSet("OPENAI_API_KEY");
        boolean file = s.isSet("OPENAI_API_KEY_FILE");
        if (direct && file) {
            s.problem("OPENAI_API_KEY and OPENAI_API_KEY_FILE are both set: set only one of them");
            return new KeySpec.Missing();
        }
        if (direct) {
            String value = s.string("OPENAI_API_KEY").orElseThrow();
            var bad = KeyCharacters.problem(value);
            if (bad.isPresent()) {
                s.problem("OPENAI_API_KEY " + bad.get() + " (value not shown): set it again to the key as plain text");
                return new KeySpec.Missing();
            }
            return new KeySpec.FromValue(new Secret(value));
        }
        if (!file) {
            s.problem("OPENAI_API_KEY is not set: set it to your OpenAI API key (sk-...), "
                    + "or set OPENAI_API_KEY_FILE to a file that holds it");
            return new KeySpec.Missing();
        }
        Path path = Path.of(s.string("OPENAI_API_KEY_FILE").orElseThrow());
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                s.problem("OPENAI_API_KEY_FILE points to an empty file (" + path + "): put the API key in it");
                return new KeySpec.Missing();
            }
            var bad = KeyCharacters.problem(content);
            if (bad.isPresent()) {
                s.problem("OPENAI_API_KEY_FILE points to a file (" + path + ") whose key " + bad.get()
                        + ": write the key to it again as plain text");
                return new KeySpec.Missing();
            }
        } catch (IOException e) {
            s.problem(UnreadableSecretFile.line("OPENAI_API_KEY_FILE", path, e));
            return new KeySpec.Missing();
        } catch (RuntimeException e) {
            s.problem("OPENAI_API_KEY_FILE cannot be read (" + path + "): " + e.getClass().getSimpleName());
            return new KeySpec.Missing();
        }
        return new KeySpec.FromFile(path);
    }

    /** An id sent as a header: "" when unset, or when it could not travel in a header (then with a problem line). */
    private static String headerValue(Settings s, String name, boolean usable) {
        String raw = usable ? s.string(name, "") : "";
        var bad = KeyCharacters.problem(raw);
        if (bad.isPresent()) {
            s.problem(name + " " + bad.get() + ": it is sent as an HTTP header, so set it to the plain id");
            return "";
        }
        return raw;
    }

    /**
     * False (with a problem line that omits the value) when a variable holds the API key or something shaped
     * like one: Settings would quote a bad value in its problem line.
     */
    private static boolean guarded(Settings s, String name, Optional<Secret> key) {
        Optional<String> raw = s.string(name);
        if (raw.isEmpty()) return true;
        boolean leaked = key.map(k -> k.appearsIn(raw.get())).orElse(false) || raw.get().startsWith("sk-");
        if (leaked) {
            s.problem(name + " holds what looks like an API key (value not shown): put the key in OPENAI_API_KEY");
        }
        return !leaked;
    }

    /** The URL of an API path such as {@code /chat/completions}, keeping the base URL's query. */
    public String endpoint(String path) {
        return BaseUrl.endpoint(baseUrl, path);
    }

    /** The base URL for logs: credentials in it (a proxy's {@code user:password@}, query values) are replaced. */
    public String redactedBaseUrl() {
        return BaseUrl.redacted(baseUrl);
    }

    @Override
    public String toString() {
        return "OpenAiConfig[baseUrl=" + redactedBaseUrl() + ", model=" + model + ", orgId=" + orgId + ", projectId=" + projectId
                + ", timeout=" + timeout.toSeconds() + "s, maxRetries=" + maxRetries + ", key=" + key + "]";
    }
}
