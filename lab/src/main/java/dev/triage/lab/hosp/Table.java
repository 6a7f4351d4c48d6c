package dev.triage.lab.hosp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Rows by id, ordered, thread-safe; ids from an AtomicLong starting at 1. */
final class Table<T> {
    private final ConcurrentSkipListMap<Long, T> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    T insert(LongFunction<T> row) {
        long id = ids.incrementAndGet();
        T value = row.apply(id);
        rows.put(id, value);
        return value;
    }

    Optional<T> get(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** Replaces the row atomically; empty when there is no such row. */
    Optional<T> update(long id, UnaryOperator<T> change) {
        return Optional.ofNullable(rows.computeIfPresent(id, (key, row) -> change.apply(row)));
    }

    Optional<T> delete(long id) {
        return Optional.ofNullable(rows.remove(id));
    }

    List<T> page(Predicate<T> filter, int offset, int limit) {
        return rows.values().stream().filter(filter).skip(offset).limit(limit).toList();
    }

    long count(Predicate<T> filter) {
        return rows.values().stream().filter(filter).count();
    }

    int size() {
        return rows.size();
    }
}
