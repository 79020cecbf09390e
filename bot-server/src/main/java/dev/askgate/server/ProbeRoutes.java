package dev.askgate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;

import java.util.List;

/** {@code GET /healthz} (alive while the process serves) and {@code GET /readyz} (the readiness report as JSON). */
final class ProbeRoutes {
    private ProbeRoutes() {
    }

    static List<HttpRoute> of(Readiness readiness, ObjectMapper json) {
        return List.of(
                HttpRoute.of("GET", "/healthz", request -> RouteResponse.json(200, "{\"status\":\"alive\"}")),
                HttpRoute.of("GET", "/readyz", request -> readyz(readiness, json)));
    }

    private static RouteResponse readyz(Readiness readiness, ObjectMapper json) throws JsonProcessingException {
        Readiness.Report report = readiness.report();
        return RouteResponse.json(report.ready() ? 200 : 503, json.writeValueAsString(report));
    }
}
