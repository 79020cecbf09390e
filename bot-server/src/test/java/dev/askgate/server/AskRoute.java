package dev.askgate.server;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.Platform;
import dev.askgate.core.ReplySink;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteRequest;
import dev.askgate.core.http.RouteResponse;

/** {@code POST /ask} for launcher tests: asks the body as a question, as a platform's HTTP handler would. */
final class AskRoute {
    private AskRoute() {
    }

    static HttpRoute of(ChatService chat) {
        return HttpRoute.of("POST", "/ask", request -> ask(chat, request));
    }

    /** Answers the model's text, or the outcome's shape when there is no answer. */
    static RouteResponse ask(ChatService chat, RouteRequest request) {
        ChatOutcome outcome = chat.ask(new ChatRequest(request.requestId(),
                new Caller(Platform.SLACK, "T1", "C1", "U1"), null, request.bodyText()), ReplySink.discarding());
        return RouteResponse.text(200, outcome instanceof ChatOutcome.Answered a ? a.text() : outcome.toString());
    }
}
