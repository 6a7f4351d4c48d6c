package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The alerts seen so far, one line per (agent, kind, source, route), the most recently active
 * first, at most {@code capacity} lines (the longest quiet go first). Not thread-safe: the UI
 * thread owns it.
 */
final class AlertBook {

    static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    /** In order of last activity, oldest first. */
    private final LinkedHashMap<Alert.Key, Alert> lines = new LinkedHashMap<>();

    AlertBook(int capacity) {
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1..100000)");
        }
        this.capacity = capacity;
    }

    /** Folds {@code event} in; returns the line it is now part of, and whether that line is new. */
    Added add(String agent, SecurityEvent event) {
        requireNonNull(agent, "agent");
        requireNonNull(event, "event");
        Alert fresh = Alert.of(agent, event);
        Alert.Key key = fresh.key();
        Alert known = lines.remove(key);
        Alert line = known == null ? fresh : known.plus(event);
        lines.put(key, line);
        if (lines.size() > capacity) {
            Iterator<Alert.Key> oldest = lines.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new Added(line, known == null);
    }

    /** Every line, the most recently active first. */
    List<Alert> newestFirst() {
        return new ArrayList<>(lines.values()).reversed();
    }

    int size() {
        return lines.size();
    }

    record Added(Alert alert, boolean isNew) {}
}
