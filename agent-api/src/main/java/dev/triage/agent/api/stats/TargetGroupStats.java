package dev.triage.agent.api.stats;

import java.util.List;

/**
 * One target group: the client requests routed to it, the attempts sent to its targets, their
 * latency, and each target's passive health.
 */
public record TargetGroupStats(
        String name,
        long requestsReceived,
        UpstreamCounts attempts,
        LatencyStats attemptLatency,
        boolean failing,
        List<TargetStats> targets) {

    public TargetGroupStats {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
