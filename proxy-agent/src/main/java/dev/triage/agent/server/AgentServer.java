package dev.triage.agent.server;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.cache.ResponseCache;
import dev.triage.agent.detect.SecurityMonitor;
import dev.triage.agent.log.AccessLogWriter;
import dev.triage.agent.metrics.AgentMetrics;
import dev.triage.agent.upstream.TargetGroupRuntime;
import dev.triage.agent.upstream.UpstreamClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: its listeners, the upstream client, metrics and access log, and the config
 * snapshot serving traffic. The one public entry point of the data plane.
 *
 * <p>{@link #apply} compiles a new config whole, then swaps it atomically: requests in flight finish
 * on the snapshot they started with. A listener whose address and port are unchanged keeps its socket;
 * added ones are bound before the swap, removed ones closed after it. Port 0 binds an ephemeral port
 * (see {@link #port}); the CLI validates configs before they reach this class.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final AgentMetrics metrics = AgentMetrics.create();
    private final SecurityMonitor security = SecurityMonitor.start();
    private final UpstreamClient client = UpstreamClient.start();
    private final ContextExecutor executor = new ContextExecutor();
    private final Pipeline pipeline = new Pipeline(client, executor);
    private final AtomicReference<RuntimeSnapshot> snapshot = new AtomicReference<>();
    private final Map<String, ListenerFrontend> frontends = new LinkedHashMap<>();
    private final RequestFlow flow;
    private volatile AccessLogWriter accessLog = AccessLogWriter.DISABLED;
    private volatile boolean closed;

    private AgentServer() {
        Builtins builtins = new Builtins(this::configVersion, this::stats);
        this.flow = new RequestFlow(executor, () -> accessLog, builtins);
    }

    /**
     * Starts an agent on a config.
     *
     * @throws IllegalArgumentException naming the field when the config cannot be compiled
     * @throws IOException when a listener cannot bind or the access log cannot be opened
     */
    public static AgentServer start(AgentConfig config) throws IOException {
        requireNonNull(config, "config");
        AgentServer server = new AgentServer();
        try {
            server.apply(config);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Swaps in a new config. Nothing changes when it fails.
     *
     * @throws IllegalArgumentException naming the field when the config cannot be compiled
     * @throws IOException when a new listener cannot bind, an HTTPS listener's certificate or key file is
     *     missing or malformed (the message names the file), or the access log cannot be opened
     */
    public synchronized void apply(AgentConfig config) throws IOException {
        requireNonNull(config, "config");
        if (closed) {
            throw new IllegalStateException("agent: closed (expected: running)");
        }
        RuntimeSnapshot current = snapshot.get();
        ResponseCache cache = current != null && current.config().cache().equals(config.cache())
                ? current.cache()
                : new ResponseCache(config.cache(), Ticker.systemTicker(), executor);
        SecurityMonitor.Compiled detection = security.compile(config.detection());
        RuntimeSnapshot next = RuntimeSnapshot.build(config, current, client, pipeline, cache, metrics, detection);
        Map<String, ServerCertificate> certificates = ServerCertificate.loadAll(config.listeners());
        List<ListenerFrontend> started = new ArrayList<>();
        Map<String, ListenerFrontend> nextFrontends = new LinkedHashMap<>();
        try {
            for (Listener listener : config.listeners()) {
                ListenerFrontend running = frontends.get(listener.name());
                if (running != null && running.bindsSameAs(listener)) {
                    nextFrontends.put(listener.name(), running);
                } else {
                    ListenerFrontend fresh = ListenerFrontend.start(
                            listener, next.listener(listener.name()), flow, certificates.get(listener.name()));
                    started.add(fresh);
                    nextFrontends.put(listener.name(), fresh);
                }
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(ListenerFrontend::close);
            throw e;
        }
        AccessLogWriter previousLog = accessLog;
        RuntimeSnapshot previous = snapshot.get();
        boolean logChanged = previous == null || !previous.config().accessLog().equals(config.accessLog());
        if (logChanged) {
            try {
                accessLog = AccessLogWriter.open(config.accessLog());
            } catch (IOException e) {
                started.forEach(ListenerFrontend::close);
                throw e;
            }
        }
        security.use(detection);
        snapshot.set(next);
        nextFrontends.forEach((name, frontend) -> frontend.routes(next.listener(name)));
        for (Listener listener : config.listeners()) {
            nextFrontends.get(listener.name()).secure(listener, certificates.get(listener.name()));
        }
        next.startHealthChecks(previous);
        for (Map.Entry<String, ListenerFrontend> old : frontends.entrySet()) {
            if (nextFrontends.get(old.getKey()) != old.getValue()) {
                old.getValue().close();
            }
        }
        frontends.clear();
        frontends.putAll(nextFrontends);
        if (logChanged) {
            previousLog.close();
        }
        for (Map.Entry<String, ListenerFrontend> entry : frontends.entrySet()) {
            LOG.info(
                    "listener {} on {}:{} (config {})",
                    entry.getKey(),
                    entry.getValue().config().bindAddress(),
                    entry.getValue().port(),
                    config.version());
        }
    }

    /** Drops cached responses whose path starts with the prefix (all when null or empty); how many. */
    public long purgeCache(String pathPrefix) {
        return snapshot.get().cache().purge(pathPrefix);
    }

    /**
     * Calls {@code listener} with every security event the detectors raise from now on, on the
     * detectors' delivery thread (never a request thread); close the result to stop.
     */
    public AutoCloseable securityEvents(Consumer<? super SecurityEvent> listener) {
        return security.subscribe(listener);
    }

    /** The port a listener is bound to (the ephemeral one when its config says 0). */
    public synchronized int port(String listenerName) {
        ListenerFrontend frontend = frontends.get(listenerName);
        if (frontend == null) {
            throw new NoSuchElementException(
                    "listener: " + listenerName + " (expected: one of " + frontends.keySet() + ")");
        }
        return frontend.port();
    }

    /** The version of the config serving traffic. */
    public String configVersion() {
        RuntimeSnapshot current = snapshot.get();
        return current == null ? "" : current.version();
    }

    /** The config serving traffic. */
    public AgentConfig config() {
        return snapshot.get().config();
    }

    /** A live snapshot of the counters, latency windows and target health. */
    public AgentStats stats() {
        RuntimeSnapshot current = snapshot.get();
        Map<String, TargetGroupRuntime> groups = current == null ? Map.of() : current.groups();
        return metrics.stats(
                configVersion(),
                name -> {
                    TargetGroupRuntime group = groups.get(name);
                    return group == null
                            ? AgentMetrics.GroupHealth.UNKNOWN
                            : new AgentMetrics.GroupHealth(group.failing(), group.targetStats());
                },
                accessLog.dropped(),
                security.stats());
    }

    /** The same counts as {@link #stats()}, in Prometheus text format 0.0.4 (what /metrics serves). */
    public String metricsText() {
        return AgentMetrics.prometheus(stats());
    }

    /** Stops listening, lets requests in flight end (a few seconds at most), closes the upstream client. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeSnapshot last = snapshot.get();
        if (last != null) {
            last.stopHealthChecks();
        }
        frontends.values().forEach(ListenerFrontend::close);
        frontends.clear();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.close();
        accessLog.close();
        security.close();
    }
}
