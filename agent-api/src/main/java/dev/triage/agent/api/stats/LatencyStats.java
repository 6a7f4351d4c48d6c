package dev.triage.agent.api.stats;

/**
 * Latency percentiles over sliding windows and since start.
 *
 * <p>The windows are sums of closed one-second and ten-second intervals, so each may lag up to a
 * second (10 s) or ten seconds (1 min, 5 min) behind "now" and cover up to one interval more than its
 * nominal length.
 */
public record LatencyStats(Percentiles last10s, Percentiles last1m, Percentiles last5m, Percentiles sinceStart) {

    public static final LatencyStats EMPTY =
            new LatencyStats(Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY);
}
