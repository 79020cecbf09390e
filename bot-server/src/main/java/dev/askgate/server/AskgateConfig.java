package dev.askgate.server;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.config.Settings;
import dev.askgate.core.model.ReasoningEffort;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.discord.DiscordConfig;
import dev.askgate.slack.SlackConfig;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Askgate reads from its environment, as typed records: the server, how questions are answered,
 * the OpenAI endpoint and key source, which platforms have tokens, each enabled adapter's own config, spend
 * control (the {@code ASKGATE_CONFIG} file) and the usage store.
 */
public record AskgateConfig(ServerConfig server, ChatConfig chat, OpenAiConfig openAi, PlatformTokens platforms,
                            Optional<DiscordConfig> discord, Optional<SlackConfig> slack, SpendConfig spend,
                            StoreConfig store) {
    public AskgateConfig {
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(slack, "slack");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(openAi, "openAi");
        Objects.requireNonNull(platforms, "platforms");
    }

    /** The configuration, or every problem found in the environment (one line each, no secret values). */
    public sealed interface Loaded {
        record Valid(AskgateConfig config) implements Loaded { }

        record Invalid(List<String> problems) implements Loaded { }
    }

    /** Reads and validates the whole environment at once. */
    public static Loaded load(Map<String, String> env) {
        return load(env, Encodings.newLazyEncodingRegistry());
    }

    /**
     * Reads and validates the whole environment at once, counting the system prompt with {@code tokenizers} (the
     * process's one registry: loading an encoding costs about a second and 20 MiB).
     */
    public static Loaded load(Map<String, String> env, EncodingRegistry tokenizers) {
        var settings = new Settings(env);
        ServerConfig server = ServerConfig.from(settings);
        OpenAiConfig openAi = OpenAiConfig.from(settings);
        String systemPrompt = settings.string("ASKGATE_SYSTEM_PROMPT", ChatConfig.DEFAULT_SYSTEM_PROMPT);
        int problemsBefore = settings.problems().size();
        int contextTokens = settings.integer("ASKGATE_CONTEXT_TOKENS", 16_000, 256, 2_000_000);
        int maxOutput = settings.integer("ASKGATE_MAX_OUTPUT_TOKENS", 0, 0, 1_000_000);
        ReasoningEffort effort = reasoningEffort(settings);
        if (settings.problems().size() == problemsBefore) {
            // Only numbers the operator can recognise: a rejected value would be compared as its default.
            ContextRoom.check(settings, openAi.model(), systemPrompt, contextTokens, maxOutput, tokenizers);
        }
        PlatformTokens platforms = PlatformTokens.from(settings);
        Optional<DiscordConfig> discord = DiscordConfig.from(settings);
        Optional<SlackConfig> slack = SlackConfig.from(settings);
        SpendConfig spend = SpendConfigFile.read(settings, openAi.model());
        StoreConfig store = StoreConfig.from(settings);
        if (!settings.problems().isEmpty()) {
            return new Loaded.Invalid(settings.problems());
        }
        var chat = new ChatConfig(openAi.model(), systemPrompt, contextTokens, maxOutput, effort);
        return new Loaded.Valid(new AskgateConfig(server, chat, openAi, platforms, discord, slack, spend, store));
    }

    /** {@code OPENAI_REASONING_EFFORT}: unset sends no field, which every compatible server accepts. */
    private static ReasoningEffort reasoningEffort(Settings settings) {
        Optional<String> raw = settings.string("OPENAI_REASONING_EFFORT");
        if (raw.isEmpty()) return ReasoningEffort.ENDPOINT_DEFAULT;
        Optional<ReasoningEffort> effort = ReasoningEffort.parse(raw.get());
        if (effort.isEmpty()) {
            settings.problem("OPENAI_REASONING_EFFORT must be one of " + ReasoningEffort.choices()
                    + ", or unset for the endpoint's default " + Settings.quoted(raw.get()));
        }
        return effort.orElse(ReasoningEffort.ENDPOINT_DEFAULT);
    }
}
