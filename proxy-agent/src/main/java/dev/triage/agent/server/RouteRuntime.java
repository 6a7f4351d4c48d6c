package dev.triage.agent.server;

import dev.triage.agent.detect.SecurityMonitor;
import dev.triage.agent.metrics.RouteMetrics;
import dev.triage.agent.metrics.TargetGroupMetrics;
import dev.triage.agent.route.RouteMatch;
import dev.triage.agent.upstream.Exchange;
import java.time.Duration;
import java.util.Map;

/**
 * One route of a snapshot, ready for the hot path: its match, metrics, body bound, timeout and, for a
 * forward action, one upstream chain per target group; and its security detectors.
 *
 * @param name the metrics and log name: the rule's, or {@code default:<listener>}
 */
record RouteRuntime(
        String name,
        RouteMatch match,
        RouteMetrics metrics,
        long maxBodyBytes,
        Duration timeout,
        Map<String, Forwarding> forwards,
        SecurityMonitor.RouteDetector detector) {

    /** A target group's chain and counters for this route. */
    record Forwarding(Exchange exchange, TargetGroupMetrics metrics) {}
}
