package dev.triage.lab.hosp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts committed writes per X-Request-Id. A write that commits a second time under the same id is a
 * duplicate: the thing Triage must never cause. Only writes that really committed are counted.
 */
public final class WriteLedger {
    private final ConcurrentHashMap<String, AtomicInteger> commitsById = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder withoutRequestId = new LongAdder();

    WriteLedger() {}

    void commit(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            withoutRequestId.increment();
            return;
        }
        commits.increment();
        int count = commitsById
                .computeIfAbsent(requestId, id -> new AtomicInteger())
                .incrementAndGet();
        if (count > 1) {
            duplicates.increment();
        }
    }

    /** Commits of writes that carried an X-Request-Id. */
    public long commits() {
        return commits.sum();
    }

    /** Commits beyond the first for the same X-Request-Id. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** The X-Request-Ids that committed more than once. */
    public Set<String> duplicateIds() {
        return commitsById.entrySet().stream()
                .filter(e -> e.getValue().get() > 1)
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many times the write with this X-Request-Id committed (0 when never). */
    public int commitsOf(String requestId) {
        AtomicInteger count = commitsById.get(requestId);
        return count == null ? 0 : count.get();
    }

    /** Commits of writes without an X-Request-Id (not checked for duplicates). */
    public long commitsWithoutRequestId() {
        return withoutRequestId.sum();
    }

    /** Forgets every count, so a benchmark can measure one run. */
    public void reset() {
        commitsById.clear();
        commits.reset();
        duplicates.reset();
        withoutRequestId.reset();
    }
}
