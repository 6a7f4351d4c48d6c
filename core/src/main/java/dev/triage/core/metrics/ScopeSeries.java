package dev.triage.core.metrics;

import dev.triage.core.port.MetricQuery.Scope;
import dev.triage.core.slo.RequestCounts;
import dev.triage.core.slo.Slo;
import dev.triage.core.slo.SloTracker;
import java.time.Duration;
import java.time.Instant;

/**
 * One scope's per-second history (one column per {@link Measure}) and, once someone asked for it, its SLO
 * tracker, filled from the history and then fed every write. Thread-safe: every method locks the series.
 */
final class ScopeSeries {

    enum Kind {
        AGENT,
        TARGET_GROUP,
        ROUTE
    }

    private static final Measure[] MEASURES = Measure.values();

    final Scope scope;
    final String agent;
    final Kind kind;
    /** The target group or route name inside the agent; the agent's name for the agent scope. */
    final String name;

    private final SecondRing ring;
    private SloTracker tracker;

    ScopeSeries(Scope scope, String agent, Kind kind, String name, int retentionSeconds) {
        this.scope = scope;
        this.agent = agent;
        this.kind = kind;
        this.name = name;
        this.ring = new SecondRing(MEASURES.length, retentionSeconds);
    }

    /**
     * Writes the seconds {@code [from, from + seconds)}: each count spread evenly over them (whole counts
     * stay whole, the remainder going to the earliest seconds), each latency and gauge on the last one.
     *
     * @param values indexed by {@link Measure#ordinal()}
     */
    synchronized void write(long from, int seconds, double[] values) {
        long last = from + seconds - 1;
        ring.set(0, last, ring.get(0, last)); // moves the ring forward first, so every second below is in it
        for (Measure measure : MEASURES) {
            double value = values[measure.ordinal()];
            if (measure.kind() == Measure.Kind.COUNT) {
                spread(measure.ordinal(), from, seconds, value);
            } else {
                ring.set(measure.ordinal(), last, (float) value);
            }
        }
        if (tracker != null) {
            long requests = Math.round(values[Measure.REQUESTS.ordinal()]);
            if (requests > 0) {
                long failed = Math.min(requests, Math.round(values[Measure.FAILED.ordinal()]));
                tracker.record(
                        new RequestCounts(Instant.ofEpochSecond(from), Duration.ofSeconds(seconds), requests, failed));
            }
        }
    }

    synchronized float get(Measure measure, long second) {
        return ring.get(measure.ordinal(), second);
    }

    /** Fills {@code into[i]} with second {@code from + i}. */
    synchronized void read(Measure measure, long from, float[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = ring.get(measure.ordinal(), from + i);
        }
    }

    /** Sums over {@code [from, to)}. */
    synchronized double sum(Measure measure, long from, long to) {
        double sum = 0;
        for (long s = Math.max(from, ring.oldest()); s < to && s <= ring.newest(); s++) {
            sum += ring.get(measure.ordinal(), s);
        }
        return sum;
    }

    synchronized long newest() {
        return ring.newest();
    }

    synchronized int allocatedChunks() {
        return ring.allocatedChunks();
    }

    /** The SLO tracker, created on first use from the history the ring holds. */
    synchronized SloTracker tracker(Slo slo) {
        if (tracker == null) {
            tracker = new SloTracker(slo, Duration.ofSeconds(1), SloTracker.DEFAULT_RETENTION);
            if (!ring.isEmpty()) {
                int requests = Measure.REQUESTS.ordinal();
                int failures = Measure.FAILED.ordinal();
                for (long s = ring.oldest(); s <= ring.newest(); s++) {
                    long total = Math.round(ring.get(requests, s));
                    if (total > 0) {
                        long failed = Math.min(total, Math.round(ring.get(failures, s)));
                        tracker.record(
                                new RequestCounts(Instant.ofEpochSecond(s), Duration.ofSeconds(1), total, failed));
                    }
                }
            }
        }
        return tracker;
    }

    private void spread(int column, long from, int seconds, double value) {
        if (value == 0) {
            return;
        }
        if (seconds == 1) {
            ring.add(column, from, (float) value);
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE) {
            long whole = (long) value;
            long each = whole / seconds;
            long extra = whole % seconds;
            for (int i = 0; i < seconds; i++) {
                ring.add(column, from + i, each + (i < extra ? 1 : 0));
            }
        } else {
            float each = (float) (value / seconds);
            for (int i = 0; i < seconds; i++) {
                ring.add(column, from + i, each);
            }
        }
    }
}
