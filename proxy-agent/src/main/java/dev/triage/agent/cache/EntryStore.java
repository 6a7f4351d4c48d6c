package dev.triage.agent.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.http.ProxyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's stored responses, bounded in bytes, each kept until its last window (fresh, stale
 * while revalidating, stale if error) closes.
 */
final class EntryStore {

    private final Cache<CacheKey, CacheEntry> cache;
    private final ConcurrentMap<CacheKey, CacheEntry> map;
    private final WriteIndex index = new WriteIndex();
    private final LongAdder evictions = new LongAdder();

    EntryStore(long maxBytes, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CacheEntry entry) -> entry.weight())
                .expireAfter(new UntilLastWindow())
                .ticker(ticker)
                // Maintenance and removal notices on the caller's thread: cheap, and keeps the
                // write index in step with the store without another thread.
                .executor(Runnable::run)
                .removalListener(this::removed)
                .build();
        this.map = cache.asMap();
    }

    /** The stored entry for the key if the request matches its Vary fields, else null. */
    CacheEntry get(CacheKey key, ProxyRequest request) {
        CacheEntry entry = cache.getIfPresent(key);
        return entry != null && entry.vary().matches(request) ? entry : null;
    }

    long generation(CacheKey key) {
        return index.generation(key.resource());
    }

    /** Stores the entry unless a write to its resource landed since {@code generation} was read. */
    void put(CacheKey key, CacheEntry entry, long generation) {
        map.put(key, entry);
        index.add(key);
        if (index.generation(key.resource()) != generation) {
            map.remove(key, entry);
        } else if (!map.containsKey(key)) {
            // Evicted at once (too heavy, or refused by admission) before it was indexed.
            index.remove(key, map::containsKey);
        }
    }

    void remove(CacheKey key) {
        map.remove(key);
    }

    /** Drops every entry of the resources a write to this path changed. */
    void invalidateWrite(String path) {
        for (String resource : Resources.writtenBy(path)) {
            for (CacheKey key : index.written(resource)) {
                map.remove(key);
            }
        }
    }

    long purge(String pathPrefix) {
        List<CacheKey> keys = new ArrayList<>(map.keySet());
        long removed = 0;
        for (CacheKey key : keys) {
            if (pathPrefix == null || pathPrefix.isEmpty() || key.path().startsWith(pathPrefix)) {
                index.bump(key.resource()); // fetches in flight must not store what was purged
                if (map.remove(key) != null) {
                    removed++;
                }
            }
        }
        return removed;
    }

    long entries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    long bytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    long evictions() {
        return evictions.sum();
    }

    int indexedResources() {
        return index.resources();
    }

    private void removed(CacheKey key, CacheEntry entry, RemovalCause cause) {
        if (cause == RemovalCause.REPLACED || key == null) {
            return;
        }
        if (cause.wasEvicted()) {
            evictions.increment();
        }
        index.remove(key, map::containsKey);
    }

    private static final class UntilLastWindow implements Expiry<CacheKey, CacheEntry> {
        @Override
        public long expireAfterCreate(CacheKey key, CacheEntry entry, long currentTime) {
            return Math.max(0, entry.retainUntil() - currentTime);
        }

        @Override
        public long expireAfterUpdate(CacheKey key, CacheEntry entry, long currentTime, long currentDuration) {
            return Math.max(0, entry.retainUntil() - currentTime);
        }

        @Override
        public long expireAfterRead(CacheKey key, CacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
