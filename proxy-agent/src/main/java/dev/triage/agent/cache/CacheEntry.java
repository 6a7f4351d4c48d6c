package dev.triage.agent.cache;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;

/**
 * A stored response and its time windows, all in ticker nanoseconds. Fresh until {@code freshUntil};
 * then served at once while one refresh runs until {@code revalidateUntil}; served instead of an
 * upstream failure until {@code errorUntil}. Headers are stored without hop-by-hop fields, Age or
 * X-Cache.
 */
record CacheEntry(
        int status,
        Headers headers,
        byte[] body,
        Vary vary,
        long storedAt,
        long ageAtStoreNanos,
        long freshUntil,
        long revalidateUntil,
        long errorUntil,
        int weight) {

    boolean fresh(long now) {
        return now - freshUntil < 0;
    }

    boolean servableWhileRevalidating(long now) {
        return now - revalidateUntil < 0;
    }

    boolean servableOnError(long now) {
        return now - errorUntil < 0;
    }

    /** When the store may forget the entry: no window is open after it. */
    long retainUntil() {
        return Math.max(freshUntil, Math.max(revalidateUntil, errorUntil));
    }

    ProxyResponse toResponse(XCache label, long now) {
        long ageSeconds = Math.max(0, ageAtStoreNanos + now - storedAt) / 1_000_000_000L;
        Headers served = headers.toBuilder()
                .add("Age", Long.toString(ageSeconds))
                .add(XCache.HEADER, label.name())
                .build();
        return new ProxyResponse(status, served, body);
    }
}
