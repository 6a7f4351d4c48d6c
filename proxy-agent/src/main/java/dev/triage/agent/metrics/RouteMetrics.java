package dev.triage.agent.metrics;

import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.upstream.UpstreamException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One route's counters: client-visible outcomes and latency, upstream attempts, policy events. Every
 * update also goes to the agent's totals. Thread-safe, lock-free on the hot path.
 */
public final class RouteMetrics {

    private final String name;
    private final RouteMetrics totals;
    private final LongAdder[] statusClasses = new LongAdder[4];
    private final LongAdder requests = new LongAdder();
    private final UpstreamCounter upstream = new UpstreamCounter();
    private final LongAdder retries = new LongAdder();
    private final LongAdder hedges = new LongAdder();
    private final LongAdder budgetRefusals = new LongAdder();
    private final LongAdder writesHeld = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder cacheStale = new LongAdder();
    private final LatencyWindows latency;

    RouteMetrics(String name, RouteMetrics totals, LongSupplier nanoClock) {
        this.name = name;
        this.totals = totals;
        this.latency = new LatencyWindows(nanoClock);
        for (int i = 0; i < statusClasses.length; i++) {
            statusClasses[i] = new LongAdder();
        }
    }

    public String name() {
        return name;
    }

    /** One client-visible response: its status and the time from request head to response. */
    public void request(int status, long nanos) {
        requests.increment();
        statusClasses[statusClassIndex(status)].increment();
        latency.record(nanos);
        if (totals != null) {
            totals.request(status, nanos);
        }
    }

    void attempt(int status, UpstreamException.Kind failure) {
        upstream.record(status, failure);
        if (totals != null) {
            totals.attempt(status, failure);
        }
    }

    void retry() {
        retries.increment();
        if (totals != null) {
            totals.retry();
        }
    }

    void hedge() {
        hedges.increment();
        if (totals != null) {
            totals.hedge();
        }
    }

    void budgetRefused() {
        budgetRefusals.increment();
        if (totals != null) {
            totals.budgetRefused();
        }
    }

    void writeHeld() {
        writesHeld.increment();
        if (totals != null) {
            totals.writeHeld();
        }
    }

    void cacheHit() {
        cacheHits.increment();
        if (totals != null) {
            totals.cacheHit();
        }
    }

    void cacheMiss() {
        cacheMisses.increment();
        if (totals != null) {
            totals.cacheMiss();
        }
    }

    void cacheStale() {
        cacheStale.increment();
        if (totals != null) {
            totals.cacheStale();
        }
    }

    RouteStats stats() {
        return new RouteStats(
                name,
                new RequestCounts(
                        requests.sum(),
                        statusClasses[0].sum(),
                        statusClasses[1].sum(),
                        statusClasses[2].sum(),
                        statusClasses[3].sum()),
                upstream.counts(),
                new PolicyCounts(
                        retries.sum(),
                        hedges.sum(),
                        budgetRefusals.sum(),
                        writesHeld.sum(),
                        cacheHits.sum(),
                        cacheMisses.sum(),
                        cacheStale.sum()),
                latency.snapshot());
    }

    /** 2xx (and 1xx) -> 0, 3xx -> 1, 4xx -> 2, 5xx and anything odd -> 3. */
    static int statusClassIndex(int status) {
        if (status < 300) {
            return status >= 100 ? 0 : 3;
        }
        if (status < 400) {
            return 1;
        }
        return status < 500 ? 2 : 3;
    }
}
