package dev.triage.core.metrics;

/**
 * What the agents' stats give, per second and per scope. Counts are what happened during the second
 * (cumulative counters turned into deltas); gauges are the value seen at the end of it.
 */
public enum Measure {
    /** Client requests answered (for a target group: client requests routed to it). */
    REQUESTS(Kind.COUNT, "Count"),
    /**
     * Client requests answered with a 5XX: the failures against the SLO. For a target group, an
     * estimate: a route's failures go to the group it forwards to; a route that splits traffic shares
     * its failures among its groups in proportion to their failed attempts that second (or their
     * weights when none failed).
     */
    FAILED(Kind.COUNT, "Count"),
    /** Median client-visible latency (for a target group: of attempts), over the agent's last 10 s. */
    LATENCY_P50_MS(Kind.LATENCY, "Milliseconds"),
    /** 99th percentile, as {@link #LATENCY_P50_MS}. */
    LATENCY_P99_MS(Kind.LATENCY, "Milliseconds"),
    /** Attempts sent to upstream targets, retries and hedges included. */
    UPSTREAM_ATTEMPTS(Kind.COUNT, "Count"),
    /** Attempts that got no usable answer or a 5XX: what the agent had to absorb. */
    UPSTREAM_FAILED(Kind.COUNT, "Count"),
    /** Attempts a target answered with a 5XX (retried ones included). */
    TARGET_5XX(Kind.COUNT, "Count"),
    /** Responses served fresh from the cache. */
    CACHE_HITS(Kind.COUNT, "Count"),
    /** Cache lookups that went upstream. */
    CACHE_MISSES(Kind.COUNT, "Count"),
    /** Stale copies served (upstream failing or revalidating). */
    CACHE_STALE(Kind.COUNT, "Count"),
    /** Targets in service (not ejected, passing health checks). */
    HEALTHY_TARGETS(Kind.GAUGE, "Count"),
    /** Targets out of service. */
    UNHEALTHY_TARGETS(Kind.GAUGE, "Count");

    /** How values of a second are made and combined over longer periods. */
    public enum Kind {
        /** Summed over a period; spread evenly over seconds the sampler missed. */
        COUNT,
        /** Averaged over a period, weighted by the requests (or attempts) of each second. */
        LATENCY,
        /** Averaged over a period. */
        GAUGE
    }

    private final Kind kind;
    private final String unit;

    Measure(Kind kind, String unit) {
        this.kind = kind;
        this.unit = unit;
    }

    public Kind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }
}
