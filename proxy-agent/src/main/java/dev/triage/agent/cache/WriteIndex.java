package dev.triage.agent.cache;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * The keys stored under each resource, so that a write drops them without scanning the store, and
 * a generation per resource (striped, so bounded), so that a read fetched before a write landed is
 * not stored after the write's invalidation ran.
 *
 * <p>Order makes it safe: a store puts the entry, then indexes the key, then checks the generation
 * it saw before fetching; a write bumps the generation, then drops the indexed keys. Either the
 * store sees the bump and removes its entry, or the write sees the key.
 */
final class WriteIndex {

    private static final int STRIPES = 1024;

    private final ConcurrentHashMap<String, Set<CacheKey>> keysByResource = new ConcurrentHashMap<>();
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    long generation(String resource) {
        return generations.get(stripe(resource));
    }

    void add(CacheKey key) {
        keysByResource.compute(key.resource(), (resource, keys) -> {
            Set<CacheKey> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
            set.add(key);
            return set;
        });
    }

    /** Forgets a removed key, unless it was stored again meanwhile. */
    void remove(CacheKey key, Predicate<CacheKey> stored) {
        keysByResource.computeIfPresent(key.resource(), (resource, keys) -> {
            if (!stored.test(key)) {
                keys.remove(key);
            }
            return keys.isEmpty() ? null : keys;
        });
    }

    /** Marks the resource written and returns the keys stored under it. */
    List<CacheKey> written(String resource) {
        bump(resource);
        Set<CacheKey> keys = keysByResource.get(resource);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /** Marks the resource changed: fetches that began before it will not be stored. */
    void bump(String resource) {
        generations.incrementAndGet(stripe(resource));
    }

    int resources() {
        return keysByResource.size();
    }

    private static int stripe(String resource) {
        int hash = resource.hashCode();
        return (hash ^ (hash >>> 16)) & (STRIPES - 1);
    }
}
