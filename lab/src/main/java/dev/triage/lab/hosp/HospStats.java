package dev.triage.lab.hosp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What the simulator did: attempts, failed attempts by kind, outages, and service times (HdrHistogram, wall
 * clock, so at the run's time scale). {@link #reset()} starts a new measurement.
 */
public final class HospStats {
    private static final long MAX_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(2);

    private final LongAdder attempts = new LongAdder();
    private final LongAdder errors5xx = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private final LongAdder outageRejections = new LongAdder();
    private final LongAdder outages = new LongAdder();
    private final LongAdder committedWrites = new LongAdder();
    private final ConcurrentHistogram serviceMicros = new ConcurrentHistogram(MAX_TRACKABLE_MICROS, 3);

    HospStats() {}

    /**
     * A consistent-enough copy of the counters. {@code failed} = {@code errors5xx + resets + stalls +
     * outageRejections}; {@code outageRejections} counts requests reset because an outage began or was under
     * way (connections refused at the socket level cannot be seen by the server and are not counted).
     */
    public record Snapshot(
            long attempts,
            long failed,
            long errors5xx,
            long resets,
            long stalls,
            long outageRejections,
            long outages,
            long committedWrites,
            double p50Ms,
            double p99Ms,
            double maxMs) {
        /** failed / attempts, 0 when nothing was attempted. */
        public double failureRate() {
            return attempts == 0 ? 0 : (double) failed / attempts;
        }
    }

    public Snapshot snapshot() {
        long e = errors5xx.sum();
        long r = resets.sum();
        long s = stalls.sum();
        long o = outageRejections.sum();
        boolean empty = serviceMicros.getTotalCount() == 0;
        return new Snapshot(
                attempts.sum(),
                e + r + s + o,
                e,
                r,
                s,
                o,
                outages.sum(),
                committedWrites.sum(),
                empty ? 0 : serviceMicros.getValueAtPercentile(50) / 1000.0,
                empty ? 0 : serviceMicros.getValueAtPercentile(99) / 1000.0,
                empty ? 0 : serviceMicros.getMaxValue() / 1000.0);
    }

    public long attempts() {
        return attempts.sum();
    }

    public long failed() {
        return errors5xx.sum() + resets.sum() + stalls.sum() + outageRejections.sum();
    }

    public double p50Ms() {
        return snapshot().p50Ms();
    }

    public double p99Ms() {
        return snapshot().p99Ms();
    }

    /** Starts a new measurement: every counter and the histogram back to zero. */
    public void reset() {
        attempts.reset();
        errors5xx.reset();
        resets.reset();
        stalls.reset();
        outageRejections.reset();
        outages.reset();
        committedWrites.reset();
        serviceMicros.reset();
    }

    void attempt() {
        attempts.increment();
    }

    void answered(int status, long serviceNanos) {
        if (status >= 500) {
            errors5xx.increment();
        }
        record(serviceNanos);
    }

    void connectionReset(long serviceNanos) {
        resets.increment();
        record(serviceNanos);
    }

    void stalled(long serviceNanos) {
        stalls.increment();
        record(serviceNanos);
    }

    void outageRejection() {
        outageRejections.increment();
    }

    void outageBegan() {
        outages.increment();
    }

    void committed() {
        committedWrites.increment();
    }

    private void record(long serviceNanos) {
        serviceMicros.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(serviceNanos), 0, MAX_TRACKABLE_MICROS));
    }
}
