package dev.askgate.slack;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.policy.AccessRules;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Slack adapter needs to know, read once by the launcher from {@code SLACK_*} variables.
 * The tokens and the signing secret are {@link Secret}s and never print themselves.
 *
 * @param botToken     the bot token ({@code xoxb-…}) for the Web API
 * @param connection   Socket Mode (app token) or HTTP mode (signing secret)
 * @param apiUrl       the Web API base, ending with a slash ({@code https://slack.com/api/})
 * @param allowDms     whether direct messages to the app are answered
 * @param editInterval the shortest time between two updates of one streamed message
 * @param access       allow and deny lists of workspaces, channels and users
 * @param apiTimeout   how long one Web API attempt may wait for Slack's answer (read and write; twice it in all)
 * @param streaming    how answers are shown: native streams, posted and updated messages, or streams where allowed
 * @param assistant    the assistant side panel ({@code SLACK_ASSISTANT}), off unless asked for
 */
public record SlackConfig(Secret botToken, Connection connection, String apiUrl, boolean allowDms,
                          Duration editInterval, AccessLists access, Duration apiTimeout, Streaming streaming,
                          SlackAssistantConfig assistant) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(15);

    /** Settings without the assistant panel. */
    public SlackConfig(Secret botToken, Connection connection, String apiUrl, boolean allowDms,
                       Duration editInterval, AccessLists access, Duration apiTimeout, Streaming streaming) {
        this(botToken, connection, apiUrl, allowDms, editInterval, access, apiTimeout, streaming,
                SlackAssistantConfig.OFF);
    }

    /** Settings with the default way of showing answers ({@link Streaming#AUTO}). */
    public SlackConfig(Secret botToken, Connection connection, String apiUrl, boolean allowDms,
                       Duration editInterval, AccessLists access, Duration apiTimeout, SlackAssistantConfig assistant) {
        this(botToken, connection, apiUrl, allowDms, editInterval, access, apiTimeout, Streaming.AUTO, assistant);
    }

    /** The same settings with the assistant panel as {@code panel} says. */
    public SlackConfig withAssistant(SlackAssistantConfig panel) {
        return new SlackConfig(botToken, connection, apiUrl, allowDms, editInterval, access, apiTimeout, streaming,
                panel);
    }

    /** Settings with the default Web API timeout. */
    public SlackConfig(Secret botToken, Connection connection, String apiUrl, boolean allowDms,
                       Duration editInterval, AccessLists access) {
        this(botToken, connection, apiUrl, allowDms, editInterval, access, DEFAULT_API_TIMEOUT);
    }

    /** Settings with the default way of showing answers ({@link Streaming#AUTO}) and no assistant panel. */
    public SlackConfig(Secret botToken, Connection connection, String apiUrl, boolean allowDms,
                       Duration editInterval, AccessLists access, Duration apiTimeout) {
        this(botToken, connection, apiUrl, allowDms, editInterval, access, apiTimeout, Streaming.AUTO);
    }

    /** How answers are shown ({@code SLACK_STREAMING}). */
    public enum Streaming {
        /** Always try {@code chat.startStream} first; a refused start falls back for that answer only. */
        NATIVE,
        /** Never stream: {@code chat.postMessage} and paced {@code chat.update}, as before Slack's AI apps. */
        EDITS,
        /** Stream, and remember a workspace that refuses streaming for good as edits-only for a while. */
        AUTO;

        /** The mode named {@code word} ({@code native}, {@code edits}, {@code auto}); empty for anything else. */
        static Optional<Streaming> named(String word) {
            for (Streaming s : values()) {
                if (s.name().equalsIgnoreCase(word.strip())) return Optional.of(s);
            }
            return Optional.empty();
        }
    }

    /** How Slack's events reach Askgate. */
    public sealed interface Connection {
        /** Socket Mode: Askgate opens a WebSocket with the app-level token; no public URL needed. */
        record SocketMode(Secret appToken) implements Connection {
            public SocketMode { Objects.requireNonNull(appToken, "appToken"); }
        }

        /** HTTP mode: Slack posts to {@code /slack/events}; requests are checked with the signing secret. */
        record Http(Secret signingSecret) implements Connection {
            public Http { Objects.requireNonNull(signingSecret, "signingSecret"); }
        }
    }

    /** Allow and deny lists of Slack ids; an empty allow list allows everyone, a deny entry always wins. */
    public record AccessLists(Set<String> allowedTeams, Set<String> deniedTeams,
                              Set<String> allowedChannels, Set<String> deniedChannels,
                              Set<String> allowedUsers, Set<String> deniedUsers) {
        public static final AccessLists OPEN = new AccessLists(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        public AccessLists {
            allowedTeams = Set.copyOf(allowedTeams);
            deniedTeams = Set.copyOf(deniedTeams);
            allowedChannels = Set.copyOf(allowedChannels);
            deniedChannels = Set.copyOf(deniedChannels);
            allowedUsers = Set.copyOf(allowedUsers);
            deniedUsers = Set.copyOf(deniedUsers);
        }

        /** The core's rules for these lists (Slack has no roles). */
        public AccessRules toRules() {
            return AccessRules.everyone()
                    .withAllowedWorkspaces(allowedTeams).withDeniedWorkspaces(deniedTeams)
                    .withAllowedChannels(allowedChannels).withDeniedChannels(deniedChannels)
                    .withAllowedUsers(allowedUsers).withDeniedUsers(deniedUsers);
        }
    }

    public SlackConfig {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
        Objects.requireNonNull(editInterval, "editInterval");
        if (editInterval.isNegative()) throw new IllegalArgumentException("editInterval is negative");
        access = access == null ? AccessLists.OPEN : access;
        apiTimeout = apiTimeout == null ? DEFAULT_API_TIMEOUT : apiTimeout;
        streaming = streaming == null ? Streaming.AUTO : streaming;
        if (apiTimeout.isNegative() || apiTimeout.isZero()) throw new IllegalArgumentException("apiTimeout <= 0");
        assistant = assistant == null ? SlackAssistantConfig.OFF : assistant;
    }

    /** Whether Slack's requests arrive over HTTP (and so need the {@code /slack/events} endpoint). */
    public boolean httpMode() {
        return connection instanceof Connection.Http;
    }

    /**
     * Reads the {@code SLACK_*} variables. Empty when Slack is not configured at all; problems (a token
     * without its partner, a token of the wrong kind, a bad number) are added to {@code s}, naming the
     * variable and never a secret's value.
     */
    public static Optional<SlackConfig> from(Settings s) {
        Optional<Secret> bot = s.secret("SLACK_BOT_TOKEN");
        Optional<Secret> app = s.secret("SLACK_APP_TOKEN");
        Optional<Secret> signing = s.secret("SLACK_SIGNING_SECRET");
        String apiUrl = s.url("SLACK_API_URL", DEFAULT_API_URL).toString() + "/";
        boolean allowDms = s.bool("SLACK_ALLOW_DMS", true);
        Duration editInterval = Duration.ofMillis(s.integer("SLACK_EDIT_INTERVAL_MS", 1500, 100, 60_000));
        Duration apiTimeout = Duration.ofMillis(s.integer("SLACK_API_TIMEOUT_MS", 15_000, 500, 120_000));
        String streamingWord = s.string("SLACK_STREAMING", "auto");
        Streaming streaming = Streaming.named(streamingWord).orElseGet(() -> {
            s.problem("SLACK_STREAMING must be native, edits or auto " + Settings.quoted(streamingWord));
            return Streaming.AUTO;
        });
        AccessLists access = new AccessLists(
                s.idSet("SLACK_ALLOWED_TEAMS"), s.idSet("SLACK_DENIED_TEAMS"),
                s.idSet("SLACK_ALLOWED_CHANNELS"), s.idSet("SLACK_DENIED_CHANNELS"),
                s.idSet("SLACK_ALLOWED_USERS"), s.idSet("SLACK_DENIED_USERS"));
        SlackAssistantConfig assistant = SlackAssistantConfig.from(s);

        bot.filter(t -> !t.value().startsWith("xoxb-")).ifPresent(t ->
                s.problem("SLACK_BOT_TOKEN must be the app's bot token (it starts with xoxb-; see the Slack section of README.md)"));
        app.filter(t -> !t.value().startsWith("xapp-")).ifPresent(t ->
                s.problem("SLACK_APP_TOKEN must be an app-level token (it starts with xapp-; see the Slack section of README.md)"));

        if (bot.isEmpty()) {
            if (app.isPresent() || signing.isPresent()) {
                s.problem("SLACK_BOT_TOKEN (or SLACK_BOT_TOKEN_FILE) is missing: Slack needs the bot token too");
            }
            return Optional.empty();
        }
        Connection connection;
        if (app.isPresent()) {
            connection = new Connection.SocketMode(app.get());
        } else if (signing.isPresent()) {
            connection = new Connection.Http(signing.get());
        } else {
            s.problem("SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET"
                    + " (HTTP mode) is: set one of them");
            return Optional.empty();
        }
        return Optional.of(new SlackConfig(bot.get(), connection, apiUrl, allowDms, editInterval, access,
                apiTimeout, streaming, assistant));
    }

    /** The API host, for logs. */
    public String apiHost() {
        return URI.create(apiUrl).getHost();
    }
}
