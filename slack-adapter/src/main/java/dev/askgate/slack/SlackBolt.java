package dev.askgate.slack;

import com.slack.api.Slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.builtin.Assistant;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.http.UserAgentInterceptor;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Builds the Bolt pieces: the Web API client on {@code SLACK_API_URL} and the app with Askgate's handlers. */
final class SlackBolt {
    static final String COMMAND = "/ask";

    private SlackBolt() {
    }

    /**
     * Bolt's client, pointed at {@code settings.apiUrl()}, with explicit timeouts and no background stats, on the
     * launcher's {@code OkHttpClient} (its connection pool and dispatcher are shared; timeouts and Slack's
     * User-Agent are added, and OkHttp's silent retry on connection failure is turned off). Never {@code close()} the result: that would shut the shared client's dispatcher.
     */
    static Slack client(SlackConfig settings, OkHttpClient shared) {
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false);
        SdkMetricsJobs.stopUnused(config);
        config.setPrettyResponseLoggingEnabled(false);
        Duration timeout = settings.apiTimeout();
        OkHttpClient http = shared.newBuilder()
                // Never resend silently: a post Slack already made would appear twice. WebApiRetry decides instead.
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .addInterceptor(new UserAgentInterceptor(Map.of()))
                .build();
        SlackHttpClient slackHttp = new SlackHttpClient(http);
        slackHttp.setConfig(config);
        return Slack.getInstance(config, slackHttp);
    }

    /**
     * The Bolt app: one bot token (checked with {@code auth.test} when the app starts), the signing secret in
     * HTTP mode, every event acknowledged even without a handler (Slack would otherwise retry it), and the
     * {@code /ask}, {@code app_mention}, {@code message.im} and feedback-button handlers; with {@code assistant}
     * (the side panel, when {@code SLACK_ASSISTANT} is on) its middleware first takes the assistant threads' events.
     */
    static App app(SlackConfig settings, Slack slack, SlackAskCommand ask, SlackMentionListener mention,
                   SlackDirectMessageListener direct, SlackFeedbackAction feedback, Optional<Assistant> assistant) {
        String signingSecret = settings.connection() instanceof SlackConfig.Connection.Http http
                ? http.signingSecret().value() : null;
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken().value())
                .signingSecret(signingSecret)
                .clientId(null).clientSecret(null).scope(null).userScope(null)
                .requestVerificationEnabled(false) // SlackHttpEndpoint verifies every request before Bolt sees it
                .sslCheckEnabled(true) // Slack's ssl_check=1 probe expects a 200
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .ignoringSelfEventsEnabled(true)
                .build();
        App app = new App(config);
        assistant.ifPresent(app::assistant);
        app.command(COMMAND, ask);
        app.event(AppMentionEvent.class, mention);
        app.event(MessageEvent.class, direct);
        app.blockAction(FeedbackButtons.ACTION_ID, feedback);
        return app;
    }
}
