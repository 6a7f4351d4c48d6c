package dev.triage.agent.detect;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns occurrences into events. Per (kind, source, route): the first occurrence is published at
 * once and opens a window; later ones within it are counted (the first of them kept as the sample);
 * at the window's end ({@link #flush}) one summary is published and the next window opened, or, when
 * nothing came, the key is closed so the next occurrence is published at once again. A global
 * budget of events per second bounds what reaches the sink: an occurrence that finds it spent is
 * folded into its key's next summary, and a summary that finds it spent waits for a later flush.
 * At most {@code maxKeys} keys are open; occurrences of new keys beyond that are dropped and counted.
 */
final class Aggregator {

    /** What events are aggregated by. */
    record Key(SecurityEvent.Kind kind, String source, String route) {}

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final DetectionClock clock;
    private final Consumer<SecurityEvent> sink;
    private volatile int maxKeys;
    private final LongAdder published = new LongAdder();
    private final LongAdder aggregated = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private long budgetRefilled = Long.MIN_VALUE;
    private double budget;

    Aggregator(DetectionClock clock, Consumer<SecurityEvent> sink, int maxKeys) {
        this.clock = requireNonNull(clock, "clock");
        this.sink = requireNonNull(sink, "sink");
        this.maxKeys = maxKeys;
    }

    /**
     * One occurrence.
     *
     * @param evidence built only when the occurrence becomes an event or a window's sample
     */
    void occurred(Key key, Supplier<String> evidence, long windowNanos, int maxPerSecond) {
        long now = clock.nanos();
        while (true) {
            Window window = windows.get(key);
            if (window == null) {
                if (windows.size() >= maxKeys) {
                    dropped.increment();
                    return;
                }
                Window fresh = new Window(now, windowNanos);
                window = windows.putIfAbsent(key, fresh);
                if (window == null) {
                    synchronized (fresh) {
                        if (spend(now, maxPerSecond)) {
                            fresh.announced = true;
                            publish(SecurityEvent.first(key.kind(), key.source(), key.route(), evidence.get(), wall()));
                        } else {
                            fresh.pending = 1;
                            fresh.sample = evidence.get();
                            aggregated.increment();
                        }
                    }
                    return;
                }
            }
            synchronized (window) {
                if (window.closed) {
                    continue;
                }
                if (now - window.start >= window.length && window.pending == 0) {
                    // a quiet window that no flush has closed yet: this one is news again
                    window.start = now;
                    window.length = windowNanos;
                    if (spend(now, maxPerSecond)) {
                        window.announced = true;
                        publish(SecurityEvent.first(key.kind(), key.source(), key.route(), evidence.get(), wall()));
                        return;
                    }
                }
                if (window.pending == 0) {
                    window.sample = evidence.get();
                }
                window.pending++;
                aggregated.increment();
                return;
            }
        }
    }

    /** Publishes the summaries of windows that ended, closes quiet ones. Called about once a second. */
    void flush(int maxPerSecond) {
        long now = clock.nanos();
        for (Iterator<Map.Entry<Key, Window>> entries = windows.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Key, Window> entry = entries.next();
            Window window = entry.getValue();
            synchronized (window) {
                if (now - window.start < window.length) {
                    continue;
                }
                if (window.pending == 0) {
                    window.closed = true;
                    entries.remove();
                    continue;
                }
                if (!spend(now, maxPerSecond)) {
                    continue;
                }
                Key key = entry.getKey();
                long windowMs = Math.max(1, (now - window.start) / 1_000_000L);
                publish(
                        window.announced
                                ? SecurityEvent.summary(
                                        key.kind(),
                                        key.source(),
                                        key.route(),
                                        window.sample,
                                        wall(),
                                        window.pending,
                                        windowMs)
                                : new SecurityEvent(
                                        key.kind(),
                                        key.kind().severity(),
                                        key.source(),
                                        key.route(),
                                        window.sample,
                                        wall().toString(),
                                        window.pending,
                                        windowMs,
                                        false,
                                        null));
                window.announced = true;
                window.pending = 0;
                window.sample = null;
                window.start = now;
            }
        }
    }

    /** The token bucket of events per second; refilled continuously, holds at most a second's worth. */
    private synchronized boolean spend(long now, int maxPerSecond) {
        if (budgetRefilled == Long.MIN_VALUE) {
            budgetRefilled = now;
            budget = maxPerSecond;
        } else {
            budget = Math.min(maxPerSecond, budget + (now - budgetRefilled) * maxPerSecond / 1e9);
            budgetRefilled = now;
        }
        if (budget >= 1) {
            budget -= 1;
            return true;
        }
        return false;
    }

    private void publish(SecurityEvent event) {
        published.increment();
        sink.accept(event);
    }

    private Instant wall() {
        return clock.now();
    }

    /** Changes the bound on open keys (windows already open stay). */
    void maxKeys(int bound) {
        this.maxKeys = bound;
    }

    long published() {
        return published.sum();
    }

    long aggregated() {
        return aggregated.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    int openKeys() {
        return windows.size();
    }

    /** One key's current window. Guarded by its own monitor. */
    private static final class Window {
        long start;
        long length;
        long pending;
        String sample;
        boolean announced;
        boolean closed;

        Window(long start, long length) {
            this.start = start;
            this.length = length;
        }
    }
}
