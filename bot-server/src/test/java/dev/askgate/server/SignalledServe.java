package dev.askgate.server;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.Platform;
import dev.askgate.core.ReplySink;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link AskgateServer} as {@code serve} does, in a process of its own, with a test platform and a
 * {@code POST /ask} route that asks the model; {@link SigtermTest} stops it with a real SIGTERM.
 * Arguments: the fake OpenAI's base URL and the key to use.
 */
final class SignalledServe {
    static final String PORT_LINE = "SIGNALLED_SERVE_PORT=";

    public static void main(String[] args) throws Exception {
        var env = Map.of("OPENAI_API_KEY", args[1], "OPENAI_BASE_URL", args[0], "DISCORD_BOT_TOKEN", "FAKE");
        AskgateConfig config = ((AskgateConfig.Loaded.Valid) AskgateConfig.load(env)).config();
        Wiring wiring = new Wiring(config);
        var serverConfig = new ServerConfig(0, Duration.ofSeconds(20), Duration.ofMinutes(10), "INFO");
        var watch = new ModelWatch(wiring.model(), wiring.checkText(), serverConfig.modelCheckInterval());
        HttpRoute ask = HttpRoute.of("POST", "/ask", request -> ask(wiring.chat(), request));
        var platform = new TestPlatform("testchat");
        platform.finishWork();
        var server = new AskgateServer(serverConfig, watch, List.of(platform), List.of(ask), wiring.json());
        server.shutdownOnSignal();
        server.start();
        System.out.println(PORT_LINE + server.port());
        System.out.flush();
        server.awaitShutdown();
    }

    /** Asks the body as a question, as a platform's HTTP handler would, and answers the model's text. */
    static RouteResponse ask(ChatService chat, RouteRequest request) {
        ChatOutcome outcome = chat.ask(new ChatRequest(request.requestId(),
                new Caller(Platform.SLACK, "T1", "C1", "U1"), null, request.bodyText()), ReplySink.discarding());
        return RouteResponse.text(200, outcome instanceof ChatOutcome.Answered a ? a.text() : outcome.toString());
    }
}
