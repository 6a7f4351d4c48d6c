package dev.triage.agent.detect;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.Detection;
import dev.triage.agent.api.stats.SecurityStats;
import dev.triage.agent.gate.Gate;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's security detection: per-source state (bounded, least recently used dropped first), the
 * aggregation and rate limiting of events, the counters, and the delivery of events to subscribers
 * (the admin API's event stream) on a thread of its own, so a request thread never waits for one.
 * Lives as long as the agent; each config snapshot {@link #compile}s its detection settings and gives
 * every route a {@link RouteDetector}.
 */
public final class SecurityMonitor implements AutoCloseable {

    /** Summaries are due at most this late after their window ends. */
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

    static final int OUTBOX_CAPACITY = 1024;
    /** Open (kind, source, route) windows are bounded too: at most this many per tracked source. */
    static final int KEYS_PER_SOURCE = 4;

    private static final Duration SOURCE_IDLE_EXPIRY = Duration.ofHours(2);
    private static final Logger LOG = LoggerFactory.getLogger(SecurityMonitor.class);
    private static final SecurityEvent.Kind[] KINDS = SecurityEvent.Kind.values();

    private final DetectionClock clock;
    private final Cache<String, SourceState> sources;
    private final Aggregator aggregator;
    private final LongAdder[] detections = new LongAdder[KINDS.length];
    private final LongAdder undelivered = new LongAdder();
    private final List<Consumer<? super SecurityEvent>> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<SecurityEvent> outbox;
    private final Thread deliverer;
    private volatile Compiled current;
    private volatile boolean closed;

    private SecurityMonitor(DetectionClock clock, boolean threaded) {
        this.clock = requireNonNull(clock, "clock");
        for (int i = 0; i < detections.length; i++) {
            detections[i] = new LongAdder();
        }
        this.current = compile(Detection.DEFAULT);
        this.sources = Caffeine.newBuilder()
                .maximumSize(Detection.DEFAULT_MAX_SOURCES)
                .expireAfterAccess(SOURCE_IDLE_EXPIRY)
                .ticker(clock::nanos)
                .executor(Runnable::run)
                .build();
        if (threaded) {
            this.outbox = new ArrayBlockingQueue<>(OUTBOX_CAPACITY);
            this.aggregator = new Aggregator(clock, this::enqueue, Detection.DEFAULT_MAX_SOURCES * KEYS_PER_SOURCE);
            this.deliverer =
                    Thread.ofPlatform().name("triage-security-events").daemon().unstarted(this::deliverLoop);
            this.deliverer.start();
        } else {
            this.outbox = null;
            this.aggregator = new Aggregator(clock, this::deliver, Detection.DEFAULT_MAX_SOURCES * KEYS_PER_SOURCE);
            this.deliverer = null;
        }
    }

    /** A monitor on the system clock, delivering events on its own daemon thread. */
    public static SecurityMonitor start() {
        return new SecurityMonitor(DetectionClock.SYSTEM, true);
    }

    /** A monitor that delivers on the calling thread and flushes only on {@link #flush()}: for tests. */
    static SecurityMonitor manual(DetectionClock clock) {
        return new SecurityMonitor(clock, false);
    }

    /**
     * Compiles a config's detection section (nothing changes until {@link #use}).
     *
     * @throws IllegalArgumentException naming the field when a trusted proxy is not an address or block
     */
    public Compiled compile(Detection config) {
        requireNonNull(config, "config");
        return new Compiled(config);
    }

    /** Makes a compiled section current: the source bound and the rate limit of summaries follow it. */
    public void use(Compiled compiled) {
        requireNonNull(compiled, "compiled");
        current = compiled;
        sources.policy().eviction().ifPresent(eviction -> eviction.setMaximum(compiled.maxSources));
        aggregator.maxKeys(compiled.maxSources * KEYS_PER_SOURCE);
    }

    /** Calls {@code listener} with every event from now on (on the delivery thread); close to stop. */
    public AutoCloseable subscribe(Consumer<? super SecurityEvent> listener) {
        requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The counters for /admin/stats and /metrics. */
    public SecurityStats stats() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (SecurityEvent.Kind kind : KINDS) {
            byKind.put(kind.wire(), detections[kind.ordinal()].sum());
        }
        return new SecurityStats(
                byKind,
                aggregator.published(),
                aggregator.aggregated(),
                aggregator.dropped() + undelivered.sum(),
                sources.estimatedSize());
    }

    /** Publishes the summaries whose window ended (the delivery thread does this every 250 ms). */
    void flush() {
        aggregator.flush(current.maxPerSecond);
    }

    /** Ends the delivery thread; events not yet delivered are dropped. */
    @Override
    public void close() {
        closed = true;
        if (deliverer != null) {
            deliverer.interrupt();
        }
    }

    private void enqueue(SecurityEvent event) {
        if (!outbox.offer(event)) {
            undelivered.increment();
        }
    }

    private void deliverLoop() {
        long flushNanos = FLUSH_INTERVAL.toNanos();
        long lastFlush = clock.nanos();
        while (!closed) {
            try {
                SecurityEvent event = outbox.poll(flushNanos, TimeUnit.NANOSECONDS);
                if (event != null) {
                    deliver(event);
                }
                long now = clock.nanos();
                if (now - lastFlush >= flushNanos) {
                    lastFlush = now;
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("security event delivery failed: {}", e.toString());
            }
        }
    }

    private void deliver(SecurityEvent event) {
        LOG.info(
                "security {} ({}) from {} on route {}: {}",
                event.kind().wire(),
                event.severity().name().toLowerCase(Locale.ROOT),
                event.sourceIp(),
                event.route(),
                event.summary() ? event.message() : event.evidence());
        for (Consumer<? super SecurityEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("security event listener failed: {}", e.toString());
            }
        }
    }

    private SourceState source(String address) {
        return sources.get(address, ignored -> new SourceState());
    }

    /** One config's detection settings, in the units the detectors use. */
    public final class Compiled {

        final boolean on;
        final SourceAddress sourceAddress;
        final int maxSources;
        final int authThreshold;
        final long authWindowNanos;
        final int notFoundThreshold;
        final long notFoundWindowNanos;
        final SourceState.WriteRateSettings writeRate;
        final long aggregateNanos;
        final int maxPerSecond;

        private Compiled(Detection config) {
            this.on = config.on();
            this.sourceAddress = SourceAddress.of(config.trustedProxies());
            this.maxSources = config.maxSources();
            this.authThreshold = config.authFailures().threshold();
            this.authWindowNanos =
                    TimeUnit.MILLISECONDS.toNanos(config.authFailures().windowMs());
            this.notFoundThreshold = config.notFound().threshold();
            this.notFoundWindowNanos =
                    TimeUnit.MILLISECONDS.toNanos(config.notFound().windowMs());
            Detection.WriteRate rate = config.writeRate();
            double alpha = 1 - Math.pow(0.5, (double) rate.bucketMs() / rate.halfLifeMs());
            this.writeRate = new SourceState.WriteRateSettings(
                    rate.factor(), rate.floor(), TimeUnit.MILLISECONDS.toNanos(rate.bucketMs()), alpha);
            this.aggregateNanos = TimeUnit.MILLISECONDS.toNanos(config.events().aggregateWindowMs());
            this.maxPerSecond = config.events().maxPerSecond();
        }

        /** The detector of one route; {@code gate} tells whether the route requires the CDN header. */
        public RouteDetector route(String routeName, Gate gate) {
            requireNonNull(routeName, "routeName");
            requireNonNull(gate, "gate");
            return new RouteDetector(this, routeName, gate.requiredHeaderName());
        }
    }

    /**
     * One route's detectors, built with the snapshot. {@link #request} runs on the request head (the
     * reactor thread, after the gate), {@link #response} when the answer is sent.
     */
    public final class RouteDetector {

        private final Compiled settings;
        private final String route;
        private final String cdnHeader;
        private final String cdnAbsent;
        private final String cdnRefused;

        private RouteDetector(Compiled settings, String route, String cdnHeader) {
            this.settings = settings;
            this.route = route;
            this.cdnHeader = cdnHeader;
            this.cdnAbsent = cdnHeader == null ? null : cdnHeader + " header absent";
            this.cdnRefused = cdnHeader == null ? null : cdnHeader + " header value not accepted";
        }

        /**
         * The request-side detectors.
         *
         * @param refusedWith the status the route's gate refused the request with, 0 when admitted
         */
        public void request(ProxyRequest head, int refusedWith) {
            if (!settings.on || closed) {
                return;
            }
            try {
                inspect(head, refusedWith);
            } catch (RuntimeException e) {
                // detection must never fail a request
                LOG.warn("security detection failed on route {}: {}", route, e.toString());
            }
        }

        private void inspect(ProxyRequest head, int refusedWith) {
            String source = null;
            if (isWrite(head.method())) {
                source = settings.sourceAddress.of(head);
                Credentials.Shape shape = Credentials.of(head.headers());
                if (shape == Credentials.Shape.ABSENT) {
                    occurred(SecurityEvent.Kind.UNAUTHENTICATED_WRITE, source, head, shape.evidence);
                } else if (shape.malformed()) {
                    occurred(SecurityEvent.Kind.MALFORMED_CREDENTIALS, source, head, shape.evidence);
                }
                long writes = source(source).write(clock.nanos(), settings.writeRate);
                if (writes > 0) {
                    occurred(
                            SecurityEvent.Kind.WRITE_RATE,
                            source,
                            head,
                            writes + " writes within " + seconds(settings.writeRate.bucketNanos()));
                }
            }
            if (cdnHeader != null) {
                if (!hasHeader(head, cdnHeader)) {
                    source = source != null ? source : settings.sourceAddress.of(head);
                    occurred(SecurityEvent.Kind.CDN_BYPASS, source, head, cdnAbsent);
                } else if (refusedWith == 403) {
                    source = source != null ? source : settings.sourceAddress.of(head);
                    occurred(SecurityEvent.Kind.CDN_BYPASS, source, head, cdnRefused);
                }
            }
            DecodedText path = DecodedText.of(head.path(), false);
            Inspection.Finding scanner = Inspection.scannerPath(path);
            Inspection.Finding injection = Inspection.injection(path);
            if (injection == null && head.query() != null) {
                injection = Inspection.injection(DecodedText.of(head.query(), true));
            }
            if (scanner != null) {
                source = source != null ? source : settings.sourceAddress.of(head);
                occurred(SecurityEvent.Kind.SCANNER_PATH, source, head, "asks for " + scanner.pattern());
            }
            if (injection != null) {
                source = source != null ? source : settings.sourceAddress.of(head);
                occurred(
                        SecurityEvent.Kind.INJECTION,
                        source,
                        head,
                        injection.category() + " shape \"" + injection.pattern().strip() + "\"");
            }
        }

        /** The answer-side detectors: bursts of 401/403 and of 404 per source. */
        public void response(ProxyRequest request, int status) {
            if (!settings.on || closed || (status != 401 && status != 403 && status != 404)) {
                return;
            }
            try {
                answered(request, status);
            } catch (RuntimeException e) {
                LOG.warn("security detection failed on route {}: {}", route, e.toString());
            }
        }

        private void answered(ProxyRequest request, int status) {
            if (status == 401 || status == 403) {
                String source = settings.sourceAddress.of(request);
                if (source(source).authFailure(clock.nanos(), settings.authThreshold, settings.authWindowNanos)) {
                    occurred(
                            SecurityEvent.Kind.AUTH_FAILURE_BURST,
                            source,
                            request,
                            "answered " + status + "; " + settings.authThreshold + " answers 401/403 within "
                                    + seconds(settings.authWindowNanos));
                }
            } else if (status == 404) {
                String source = settings.sourceAddress.of(request);
                if (source(source).notFound(clock.nanos(), settings.notFoundThreshold, settings.notFoundWindowNanos)) {
                    occurred(
                            SecurityEvent.Kind.NOT_FOUND_BURST,
                            source,
                            request,
                            "answered 404; " + settings.notFoundThreshold + " answers 404 within "
                                    + seconds(settings.notFoundWindowNanos));
                }
            }
        }

        private void occurred(SecurityEvent.Kind kind, String source, ProxyRequest request, String note) {
            detections[kind.ordinal()].increment();
            aggregator.occurred(
                    new Aggregator.Key(kind, source, route),
                    () -> Evidence.of(request.method(), request.path(), request.query(), note),
                    settings.aggregateNanos,
                    settings.maxPerSecond);
        }

        String route() {
            return route;
        }
    }

    private static boolean hasHeader(ProxyRequest request, String name) {
        for (Headers.Field field : request.headers().fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isWrite(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    private static String seconds(long nanos) {
        long ms = nanos / 1_000_000L;
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
