package dev.askgate.server;

import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import dev.askgate.core.metrics.AskgateMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The process's one meter registry, in Prometheus form: Askgate's own meters ({@link AskgateMetrics}) and the
 * JVM's (memory, GC, threads, classes, CPU, uptime), served as text at {@code GET /metrics}.
 */
final class ServerMeters implements AutoCloseable {
    static final String PATH = "/metrics";
    /** The text exposition format Prometheus asks for by default. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AskgateMetrics askgate = new AskgateMetrics(registry);

    ServerMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    AskgateMetrics askgate() {
        return askgate;
    }

    /** {@code GET /metrics}: a scrape of every meter, answered through the shutdown like the probes. */
    HttpRoute route() {
        return HttpRoute.of("GET", PATH, request -> new RouteResponse(200, Map.of("Content-Type", CONTENT_TYPE),
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
