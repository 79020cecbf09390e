package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;

/** Builds the Bolt pieces: the Web API client on {@code SLACK_API_URL} and the app with Askgate's handlers. */
final class SlackBolt {
    static final String COMMAND = "/ask";

    private SlackBolt() {
    }

    /** Bolt's client, pointed at {@code settings.apiUrl()}, with explicit timeouts and no background stats. */
    static Slack client(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        config.setHttpClientReadTimeoutMillis(15_000);
        config.setHttpClientWriteTimeoutMillis(15_000);
        config.setHttpClientCallTimeoutMillis(30_000);
        return Slack.getInstance(config);
    }

    /**
     * The Bolt app: one bot token (checked with {@code auth.test} when the app starts), the signing secret in
     * HTTP mode, every event acknowledged even without a handler (Slack would otherwise retry it), and the
     * {@code /ask}, {@code app_mention} and {@code message.im} handlers.
     */
    static App app(SlackSettings settings, Slack slack, AskCommand ask, MentionListener mention,
                   DirectMessageListener direct) {
        String signingSecret = settings.connection() instanceof SlackSettings.Connection.Http http
                ? http.signingSecret().value() : null;
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken().value())
                .signingSecret(signingSecret)
                .clientId(null).clientSecret(null).scope(null).userScope(null)
                .requestVerificationEnabled(signingSecret != null)
                .sslCheckEnabled(false)
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .ignoringSelfEventsEnabled(true)
                .build();
        App app = new App(config);
        app.command(COMMAND, ask);
        app.event(AppMentionEvent.class, mention);
        app.event(MessageEvent.class, direct);
        return app;
    }
}
