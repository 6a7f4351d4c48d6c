package dev.triage.agent.cache;

import dev.triage.agent.upstream.ExchangeListener;
import java.util.concurrent.atomic.AtomicInteger;

final class CountingListener implements ExchangeListener {

    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();
    final AtomicInteger stale = new AtomicInteger();

    @Override
    public void cacheHit() {
        hits.incrementAndGet();
    }

    @Override
    public void cacheMiss() {
        misses.incrementAndGet();
    }

    @Override
    public void cacheStale() {
        stale.incrementAndGet();
    }
}
