package dev.triage.agent.server;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.metrics.AgentMetrics;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The endpoints every listener answers before routing: GET /healthz and GET /metrics. */
final class Builtins {

    static final String HEALTHZ = "/healthz";
    static final String METRICS = "/metrics";
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> version;
    private final Supplier<dev.triage.agent.api.stats.AgentStats> stats;

    Builtins(Supplier<String> version, Supplier<dev.triage.agent.api.stats.AgentStats> stats) {
        this.version = version;
        this.stats = stats;
    }

    static boolean handles(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && (HEALTHZ.equals(path) || METRICS.equals(path));
    }

    ProxyResponse respond(String path) {
        if (HEALTHZ.equals(path)) {
            String json = "{\"status\":\"ok\",\"configVersion\":\"" + jsonEscape(version.get()) + "\"}";
            return new ProxyResponse(
                    200,
                    Headers.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                    json.getBytes(StandardCharsets.UTF_8));
        }
        String text = AgentMetrics.prometheus(stats.get());
        return new ProxyResponse(
                200,
                Headers.of("Content-Type", PROMETHEUS_CONTENT_TYPE, "Cache-Control", "no-store"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
