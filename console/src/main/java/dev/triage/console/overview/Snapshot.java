package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.core.metrics.FailuresAbsorbed;
import dev.triage.core.slo.SloTracker;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a {@link LiveSource} knows now about the front door (the load balancer the clients reach).
 *
 * @param at the end (exclusive) of the newest period measured: windows such as "the last minute" end here
 * @param live false while the source has no counts yet (the agents' first answers are only a baseline)
 * @param note how the numbers are made, in words ("per second, from the lab's agents")
 * @param tracker the front door's SLO tracker (core's): success over any window, budget, burn, alerts, days
 * @param p50Ms median latency over the last minute, when measured
 * @param p99Ms 99th percentile over the last minute, when measured
 * @param requestsPerSecond over the last few periods
 * @param history the last hour, for the charts
 * @param absorbed failures absorbed per target group over the last hour (empty without agents)
 * @param absorbedNote why {@code absorbed} is empty when the source cannot know it, or ""
 * @param newest when the newest measurement was taken (null: none yet), for the staleness note
 * @param stale "" while the source is current; otherwise why not, in words
 * @param unreachable other parts that did not answer lately (agents behind the front door), by name
 */
public record Snapshot(
        Instant at,
        boolean live,
        String note,
        SloTracker tracker,
        OptionalDouble p50Ms,
        OptionalDouble p99Ms,
        double requestsPerSecond,
        History history,
        List<FailuresAbsorbed> absorbed,
        String absorbedNote,
        Instant newest,
        String stale,
        List<String> unreachable) {

    public Snapshot {
        requireNonNull(at, "at");
        requireNonNull(note, "note");
        requireNonNull(tracker, "tracker");
        requireNonNull(p50Ms, "p50Ms");
        requireNonNull(p99Ms, "p99Ms");
        requireNonNull(history, "history");
        absorbed = List.copyOf(absorbed);
        requireNonNull(absorbedNote, "absorbedNote");
        requireNonNull(stale, "stale");
        unreachable = List.copyOf(unreachable);
    }

    /**
     * Evenly spaced values, oldest first: per second from agents (3,600 for the hour), per minute from
     * CloudWatch (60). NaN where nothing was measured. Only drawn after {@link Downsample}, never as is.
     *
     * @param fromEpochSecond the time of the first value
     * @param stepSeconds the time between values
     * @param requests requests in each step
     * @param failed of those, failed (5XX)
     * @param p99Ms 99th percentile latency of each step, ms
     */
    public record History(long fromEpochSecond, int stepSeconds, float[] requests, float[] failed, float[] p99Ms) {

        public static final History EMPTY = new History(0, 1, new float[0], new float[0], new float[0]);

        public History {
            requireNonNull(requests, "requests");
            requireNonNull(failed, "failed");
            requireNonNull(p99Ms, "p99Ms");
            if (stepSeconds < 1) {
                throw new IllegalArgumentException("stepSeconds: " + stepSeconds + " (expected: at least 1)");
            }
            if (failed.length != requests.length || p99Ms.length != requests.length) {
                throw new IllegalArgumentException("failed: " + failed.length + ", p99Ms: " + p99Ms.length
                        + " values (expected: as many as requests, " + requests.length + ")");
            }
        }
    }
}
