package dev.triage.agent.api.stats;

/** Latency of {@code count} samples, in milliseconds (microsecond resolution, two significant digits). */
public record Percentiles(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);
}
