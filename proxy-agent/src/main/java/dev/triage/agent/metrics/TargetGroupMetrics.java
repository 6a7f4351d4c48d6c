package dev.triage.agent.metrics;

import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.upstream.UpstreamException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** One target group's counters: client requests routed to it, attempts sent to it, attempt latency. */
public final class TargetGroupMetrics {

    private final String name;
    private final LongAdder received = new LongAdder();
    private final UpstreamCounter attempts = new UpstreamCounter();
    private final LatencyWindows latency;

    TargetGroupMetrics(String name, LongSupplier nanoClock) {
        this.name = name;
        this.latency = new LatencyWindows(nanoClock);
    }

    public String name() {
        return name;
    }

    /** A client request was routed to this group (however many attempts it then takes). */
    public void received() {
        received.increment();
    }

    void attempt(int status, UpstreamException.Kind failure, long nanos) {
        attempts.record(status, failure);
        latency.record(nanos);
    }

    long receivedCount() {
        return received.sum();
    }

    UpstreamCounts counts() {
        return attempts.counts();
    }

    LatencyStats latency() {
        return latency.snapshot();
    }
}
