package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.ExchangeListener;
import java.util.concurrent.atomic.LongAdder;

/** Labels what a cached route serves and counts it, agent-wide and for the route's listener. */
final class Served {

    private final Counters counters;
    private final ExchangeListener listener;

    Served(Counters counters, ExchangeListener listener) {
        this.counters = counters;
        this.listener = listener;
    }

    ProxyResponse hit(CacheEntry entry, long now) {
        counters.hits.increment();
        listener.cacheHit();
        return entry.toResponse(XCache.HIT, now);
    }

    ProxyResponse stale(CacheEntry entry, long now) {
        counters.stale.increment();
        listener.cacheStale();
        return entry.toResponse(XCache.STALE, now);
    }

    ProxyResponse miss(ProxyResponse fetched) {
        missed();
        return XCache.MISS.label(fetched);
    }

    /** A miss that ends in a failure rather than a response. */
    void missed() {
        counters.misses.increment();
        listener.cacheMiss();
    }

    static final class Counters {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder stale = new LongAdder();
    }
}
