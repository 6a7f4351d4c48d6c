package dev.triage.agent.api.config;

import java.util.List;

/**
 * The agent's security detection: detectors that watch every request on the hot path and report
 * security events (on the admin API's event stream and in the stats). On by default; numeric fields
 * left out (or 0) take their defaults, so {@code {}} is the default detection.
 *
 * @param enabled false turns every detector off (null: true)
 * @param trustedProxies addresses or CIDR blocks of proxies in front of the agent (a load balancer,
 *     a CDN): when a request's peer is one of them, its source is the right-most X-Forwarded-For hop
 *     that is not (the client the first trusted proxy saw). Empty: the source is always the peer,
 *     and X-Forwarded-For is ignored, since any client can send it
 * @param maxSources per-source state is kept for at most this many source addresses (least recently
 *     used dropped first), so memory stays bounded whatever the number of attackers
 * @param authFailures a burst of 401/403 answers to one source (credential guessing)
 * @param notFound a burst of 404 answers to one source (probing for paths)
 * @param writeRate a source's write rate far above its usual
 * @param events how events are aggregated and rate-limited
 */
public record Detection(
        Boolean enabled,
        List<String> trustedProxies,
        int maxSources,
        Burst authFailures,
        Burst notFound,
        WriteRate writeRate,
        Events events) {

    public static final int DEFAULT_MAX_SOURCES = 10_000;
    public static final Burst DEFAULT_AUTH_FAILURES = new Burst(10, 60_000);
    public static final Burst DEFAULT_NOT_FOUND = new Burst(20, 60_000);

    /** Every detector on, with the default thresholds. */
    public static final Detection DEFAULT = new Detection(true, List.of(), 0, null, null, null, null);

    /** Every detector off. */
    public static final Detection OFF = new Detection(false, List.of(), 0, null, null, null, null);

    public Detection {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        maxSources = maxSources == 0 ? DEFAULT_MAX_SOURCES : maxSources;
        authFailures = withDefaults(authFailures, DEFAULT_AUTH_FAILURES);
        notFound = withDefaults(notFound, DEFAULT_NOT_FOUND);
        writeRate = writeRate == null ? WriteRate.DEFAULT : writeRate;
        events = events == null ? Events.DEFAULT : events;
    }

    private static Burst withDefaults(Burst burst, Burst defaults) {
        if (burst == null) {
            return defaults;
        }
        return burst.threshold() == 0 ? new Burst(defaults.threshold(), burst.windowMs()) : burst;
    }

    /** These settings with other trusted proxies (addresses or CIDR blocks); everything else kept. */
    public Detection withTrustedProxies(List<String> proxies) {
        return new Detection(enabled, proxies, maxSources, authFailures, notFound, writeRate, events);
    }

    /** Whether the detectors run ({@link #enabled()} without the box). */
    public boolean on() {
        return enabled;
    }

    /**
     * A burst: {@code threshold} occurrences from one source within {@code windowMs} raise an event
     * (and every further one within the window counts toward it).
     */
    public record Burst(int threshold, int windowMs) {
        public static final int DEFAULT_WINDOW_MS = 60_000;

        public Burst {
            windowMs = windowMs == 0 ? DEFAULT_WINDOW_MS : windowMs;
        }
    }

    /**
     * Writes (POST, PUT, PATCH, DELETE) per source are counted in buckets of {@code bucketMs}; a
     * source's usual rate is an exponentially weighted moving average of its buckets with the given
     * half-life. A write is reported when its bucket holds more than {@code factor} times the usual
     * rate and more than {@code floor} writes (so a new source is judged by the floor alone).
     */
    public record WriteRate(double factor, int floor, int bucketMs, int halfLifeMs) {
        public static final WriteRate DEFAULT = new WriteRate(10.0, 20, 10_000, 600_000);

        public WriteRate {
            factor = factor == 0 ? 10.0 : factor;
            floor = floor == 0 ? 20 : floor;
            bucketMs = bucketMs == 0 ? 10_000 : bucketMs;
            halfLifeMs = halfLifeMs == 0 ? 600_000 : halfLifeMs;
        }
    }

    /**
     * Aggregation: the first occurrence of a (kind, source, route) is published at once; later ones
     * within {@code aggregateWindowMs} are counted and published as one summary at the window's end.
     * At most {@code maxPerSecond} events are published per second in all; occurrences beyond it
     * are folded into their key's next summary.
     */
    public record Events(int aggregateWindowMs, int maxPerSecond) {
        public static final Events DEFAULT = new Events(10_000, 20);

        public Events {
            aggregateWindowMs = aggregateWindowMs == 0 ? 10_000 : aggregateWindowMs;
            maxPerSecond = maxPerSecond == 0 ? 20 : maxPerSecond;
        }
    }
}
