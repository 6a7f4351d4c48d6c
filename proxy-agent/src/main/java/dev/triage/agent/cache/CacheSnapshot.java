package dev.triage.agent.cache;

/**
 * The response cache's counters at one moment.
 *
 * @param entries responses stored
 * @param bytes their estimated weight (bodies, headers and keys)
 * @param hits responses served fresh from the store (X-Cache: HIT)
 * @param misses responses fetched from the upstream, or failures without a stored copy (X-Cache: MISS)
 * @param stale stored copies served after their freshness ended (X-Cache: STALE)
 * @param evictions entries dropped by the byte bound or by expiry (not by invalidation or purge)
 */
public record CacheSnapshot(long entries, long bytes, long hits, long misses, long stale, long evictions) {}
