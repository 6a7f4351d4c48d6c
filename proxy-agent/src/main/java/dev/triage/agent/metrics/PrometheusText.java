package dev.triage.agent.metrics;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.SecurityStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a stats snapshot as Prometheus text (format 0.0.4). Counters are since start; the duration
 * summaries' quantiles are over the last minute, their _count and _sum since start.
 */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder(8192);

    private PrometheusText() {}

    static String render(AgentStats stats) {
        PrometheusText text = new PrometheusText();
        text.write(stats);
        return text.out.toString();
    }

    private void write(AgentStats stats) {
        List<RouteStats> routes = new ArrayList<>(stats.routes().values());
        Map<String, TargetGroupStats> groups = stats.targetGroups();

        header("triage_config_info", "gauge", "The config snapshot serving traffic.");
        sample("triage_config_info", labels("version", stats.configVersion()), 1);
        header("triage_uptime_seconds", "gauge", "Time since the agent started.");
        sample("triage_uptime_seconds", "", stats.uptimeMs() / 1000.0);

        header("triage_requests_total", "counter", "Client-visible requests by route and status class.");
        for (RouteStats route : routes) {
            String name = route.name();
            sample(
                    "triage_requests_total",
                    labels("route", name, "code_class", "2xx"),
                    route.requests().status2xx());
            sample(
                    "triage_requests_total",
                    labels("route", name, "code_class", "3xx"),
                    route.requests().status3xx());
            sample(
                    "triage_requests_total",
                    labels("route", name, "code_class", "4xx"),
                    route.requests().status4xx());
            sample(
                    "triage_requests_total",
                    labels("route", name, "code_class", "5xx"),
                    route.requests().status5xx());
        }

        header(
                "triage_route_upstream_attempts_total",
                "counter",
                "Upstream attempts a route made (retries and hedges included), by outcome.");
        for (RouteStats route : routes) {
            attempts("triage_route_upstream_attempts_total", "route", route.name(), route.upstream());
        }
        header(
                "triage_upstream_attempts_total",
                "counter",
                "Attempts sent to a target group, by outcome: response (below 500), 5xx, or the failure kind.");
        for (TargetGroupStats group : groups.values()) {
            attempts("triage_upstream_attempts_total", "target_group", group.name(), group.attempts());
        }

        policy(routes, "triage_retries_total", "Retries sent.", RouteStatsField.RETRIES);
        policy(routes, "triage_hedges_total", "Hedged attempts sent.", RouteStatsField.HEDGES);
        policy(routes, "triage_budget_refusals_total", "Retries or hedges the budget refused.", RouteStatsField.BUDGET);
        policy(routes, "triage_writes_held_total", "Writes held while the target group failed.", RouteStatsField.HELD);

        header("triage_cache_total", "counter", "Cache lookups by result.");
        for (RouteStats route : routes) {
            sample(
                    "triage_cache_total",
                    labels("route", route.name(), "result", "hit"),
                    route.policies().cacheHits());
            sample(
                    "triage_cache_total",
                    labels("route", route.name(), "result", "miss"),
                    route.policies().cacheMisses());
            sample(
                    "triage_cache_total",
                    labels("route", route.name(), "result", "stale"),
                    route.policies().cacheStale());
        }

        header("triage_request_duration_seconds", "summary", "Client-visible latency; quantiles over the last minute.");
        for (RouteStats route : routes) {
            summary("triage_request_duration_seconds", "route", route.name(), route.latency());
        }
        header(
                "triage_upstream_duration_seconds",
                "summary",
                "Upstream attempt latency; quantiles over the last minute.");
        for (TargetGroupStats group : groups.values()) {
            summary("triage_upstream_duration_seconds", "target_group", group.name(), group.attemptLatency());
        }

        header("triage_target_group_requests_total", "counter", "Client requests routed to a target group.");
        for (TargetGroupStats group : groups.values()) {
            sample(
                    "triage_target_group_requests_total",
                    labels("target_group", group.name()),
                    group.requestsReceived());
        }
        header("triage_target_group_failing", "gauge", "1 while a group's recent attempts mostly fail.");
        for (TargetGroupStats group : groups.values()) {
            sample("triage_target_group_failing", labels("target_group", group.name()), group.failing() ? 1 : 0);
        }
        header("triage_target_healthy", "gauge", "1 unless the target is ejected by passive health checks.");
        for (TargetGroupStats group : groups.values()) {
            for (TargetStats target : group.targets()) {
                sample(
                        "triage_target_healthy",
                        labels("target_group", group.name(), "target", target.target()),
                        target.healthy() ? 1 : 0);
            }
        }
        header("triage_access_log_dropped_total", "counter", "Access-log lines dropped because the writer lagged.");
        sample("triage_access_log_dropped_total", "", stats.accessLogDropped());
        security(stats.security());
    }

    private void security(SecurityStats security) {
        header("triage_security_detections_total", "counter", "Security detections by kind.");
        for (Map.Entry<String, Long> kind : security.detections().entrySet()) {
            sample("triage_security_detections_total", labels("kind", kind.getKey()), kind.getValue());
        }
        header(
                "triage_security_events_total",
                "counter",
                "Security events raised (first occurrences and summaries), after aggregation and rate limiting.");
        sample("triage_security_events_total", "", security.eventsPublished());
        header(
                "triage_security_aggregated_total",
                "counter",
                "Security detections folded into a summary instead of an event of their own.");
        sample("triage_security_aggregated_total", "", security.occurrencesAggregated());
        header("triage_security_dropped_total", "counter", "Security detections lost to the bounds on open keys.");
        sample("triage_security_dropped_total", "", security.eventsDropped());
        header("triage_security_sources_tracked", "gauge", "Source addresses with per-source detection state.");
        sample("triage_security_sources_tracked", "", security.sourcesTracked());
    }

    private enum RouteStatsField {
        RETRIES,
        HEDGES,
        BUDGET,
        HELD
    }

    private void policy(List<RouteStats> routes, String metric, String help, RouteStatsField field) {
        header(metric, "counter", help);
        for (RouteStats route : routes) {
            long value = switch (field) {
                case RETRIES -> route.policies().retries();
                case HEDGES -> route.policies().hedges();
                case BUDGET -> route.policies().budgetRefusals();
                case HELD -> route.policies().writesHeld();
            };
            sample(metric, labels("route", route.name()), value);
        }
    }

    private void attempts(String metric, String labelName, String labelValue, UpstreamCounts counts) {
        long withoutResponse = 0;
        for (long count : counts.failuresByKind().values()) {
            withoutResponse += count;
        }
        long responses = counts.attempts() - withoutResponse - counts.status5xx();
        sample(metric, labels(labelName, labelValue, "outcome", "response"), responses);
        sample(metric, labels(labelName, labelValue, "outcome", "5xx"), counts.status5xx());
        for (UpstreamException.Kind kind : UpstreamException.Kind.values()) {
            long count = counts.failuresByKind().getOrDefault(kind.name(), 0L);
            sample(metric, labels(labelName, labelValue, "outcome", kind.name().toLowerCase(Locale.ROOT)), count);
        }
    }

    private void summary(String metric, String labelName, String labelValue, LatencyStats latency) {
        Percentiles window = latency.last1m();
        sample(metric, labels(labelName, labelValue, "quantile", "0.5"), window.p50Ms() / 1000.0);
        sample(metric, labels(labelName, labelValue, "quantile", "0.9"), window.p90Ms() / 1000.0);
        sample(metric, labels(labelName, labelValue, "quantile", "0.99"), window.p99Ms() / 1000.0);
        Percentiles all = latency.sinceStart();
        sample(metric + "_sum", labels(labelName, labelValue), all.meanMs() * all.count() / 1000.0);
        sample(metric + "_count", labels(labelName, labelValue), all.count());
    }

    private void header(String metric, String type, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private void sample(String metric, String labels, long value) {
        out.append(metric).append(labels).append(' ').append(value).append('\n');
    }

    private void sample(String metric, String labels, double value) {
        out.append(metric).append(labels).append(' ').append(value).append('\n');
    }

    private static String labels(String... namesAndValues) {
        StringBuilder labels = new StringBuilder().append('{');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                labels.append(',');
            }
            labels.append(namesAndValues[i]).append("=\"");
            escape(labels, namesAndValues[i + 1]);
            labels.append('"');
        }
        return labels.append('}').toString();
    }

    private static void escape(StringBuilder to, String value) {
        String text = value == null ? "" : value;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> to.append("\\\\");
                case '"' -> to.append("\\\"");
                case '\n' -> to.append("\\n");
                default -> to.append(c);
            }
        }
    }
}
