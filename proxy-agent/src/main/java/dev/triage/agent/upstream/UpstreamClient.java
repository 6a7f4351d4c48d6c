package dev.triage.agent.upstream;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The agent's one upstream HTTP client: Apache HttpClient 5 async, HTTP/1.1 only, a pooled
 * keep-alive connection manager bounded per target, and none of the client's own policies (no
 * automatic retries, redirects, cookies or content decompression): the agent's policies decide.
 * Response heads are bounded ({@link #MAX_LINE_LENGTH}, {@link #MAX_HEADER_COUNT}) so oversized
 * headers fail as a protocol error, and bodies by the target group's {@code maxResponseBytes}.
 */
public final class UpstreamClient implements AutoCloseable {

    public static final int MAX_LINE_LENGTH = 8 * 1024;
    public static final int MAX_HEADER_COUNT = 100;
    public static final int MAX_CONNECTIONS_TOTAL = 10_000;
    static final Duration IDLE_EVICTION = Duration.ofSeconds(30);
    static final Duration VALIDATE_AFTER_INACTIVITY = Duration.ofSeconds(1);

    private static final String DISPATCHED = "triage.dispatched";

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    private final Map<HttpHost, ConnectionConfig> connectionConfigs = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final HealthCheckRunner checks;

    private UpstreamClient(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        ConnectionConfig defaults = connectionConfig(TargetGroup.DEFAULT_CONNECT_TIMEOUT_MS);
        this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS_TOTAL)
                .setMaxConnPerRoute(TargetGroup.DEFAULT_MAX_CONNECTIONS_PER_TARGET)
                .setConnectionConfigResolver(route -> connectionConfigs.getOrDefault(route.getTargetHost(), defaults))
                .build();
        AsyncExecChainHandler markDispatched = (request, entity, scope, chain, callback) -> {
            if (scope.clientContext.getAttribute(DISPATCHED) instanceof AtomicBoolean dispatched) {
                dispatched.set(true);
            }
            chain.proceed(request, entity, scope, callback);
        };
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_LINE_LENGTH)
                        .setMaxHeaderCount(MAX_HEADER_COUNT)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setSoKeepAlive(true)
                        .setTcpNoDelay(true)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .evictIdleConnections(TimeValue.of(IDLE_EVICTION))
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), DISPATCHED, markDispatched)
                .build();
        this.client.start();
        this.checks = new HealthCheckRunner(client);
    }

    public static UpstreamClient start() {
        return new UpstreamClient(System::nanoTime);
    }

    /** For tests: passive health and ejection run on this clock. */
    public static UpstreamClient start(LongSupplier nanoClock) {
        return new UpstreamClient(requireNonNull(nanoClock, "nanoClock"));
    }

    /**
     * The runtime of one target group: registers its targets' pool bound and connect timeout (a
     * target shared by groups gets the last group's settings). Its active health checks, if any, run
     * on this client's one shared scheduler once {@link TargetGroupRuntime#startHealthChecks} is called.
     */
    public TargetGroupRuntime targetGroup(TargetGroup config) {
        requireNonNull(config, "config");
        TargetGroupRuntime group = new TargetGroupRuntime(config, nanoClock, this::probe, checks);
        ConnectionConfig connection = connectionConfig(config.connectTimeoutMs());
        for (Target target : group.targets()) {
            connectionConfigs.put(target.host(), connection);
            pool.setMaxPerRoute(new HttpRoute(target.host()), config.maxConnectionsPerTarget());
        }
        return group;
    }

    /**
     * One attempt to the group: the next target, the buffered request, the deadline as its bound.
     * Each attempt is reported to {@code listener} and to the group's passive health.
     */
    public Exchange attempt(TargetGroupRuntime group, ExchangeListener listener) {
        return new AttemptExchange(this, requireNonNull(group, "group"), requireNonNull(listener, "listener"));
    }

    ProxyResponse send(Target target, ProxyRequest request, Deadline deadline, long maxResponseBytes)
            throws UpstreamException, InterruptedException {
        if (deadline.expired()) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT, false, target + ": deadline passed before sending", null);
        }
        BasicHttpRequest message = new BasicHttpRequest(request.method(), target.host(), request.target());
        for (Headers.Field field : UpstreamHeaders.forward(request).fields()) {
            message.addHeader(field.name(), field.value());
        }
        BytesEntityProducer entity = hasBody(request) ? new BytesEntityProducer(request.body()) : null;
        return execute(target, message, entity, deadline, maxResponseBytes);
    }

    boolean probe(Target target, String method, String path, Deadline deadline) throws InterruptedException {
        BasicHttpRequest message = new BasicHttpRequest(method, target.host(), path);
        message.addHeader("User-Agent", "triage-agent-probe");
        try {
            return execute(target, message, null, deadline, 64 * 1024).status() < 500;
        } catch (UpstreamException e) {
            return false;
        }
    }

    private ProxyResponse execute(
            Target target, BasicHttpRequest message, BytesEntityProducer entity, Deadline deadline, long maxBytes)
            throws UpstreamException, InterruptedException {
        long remaining = Math.max(1, deadline.remaining().toNanos());
        Timeout timeout = Timeout.of(remaining, TimeUnit.NANOSECONDS);
        HttpClientContext context = HttpClientContext.create();
        AtomicBoolean dispatched = new AtomicBoolean();
        context.setAttribute(DISPATCHED, dispatched);
        context.setRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build());
        Future<ProxyResponse> future = client.execute(
                new BasicRequestProducer(message, entity), new BoundedResponseConsumer(maxBytes), null, context, null);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    dispatched.get(),
                    target + ": no complete response within " + TimeUnit.NANOSECONDS.toMillis(remaining) + " ms",
                    null);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw Failures.classify(e.getCause(), dispatched.get(), target.label());
        } catch (java.util.concurrent.CancellationException e) {
            throw Failures.classify(e, dispatched.get(), target.label());
        }
    }

    private static boolean hasBody(ProxyRequest request) {
        if (request.body().length > 0) {
            return true;
        }
        return switch (request.method()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
    }

    private static ConnectionConfig connectionConfig(int connectTimeoutMs) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                .setValidateAfterInactivity(TimeValue.of(VALIDATE_AFTER_INACTIVITY))
                .build();
    }

    /** Who hears of targets turning healthy or unhealthy by their active checks (replaces the previous one). */
    public void targetHealthListener(TargetHealthListener listener) {
        checks.listener(requireNonNull(listener, "listener"));
    }

    /** Health-check ticks and timeouts waiting in the shared scheduler (for tests). */
    int scheduledChecks() {
        return checks.scheduled();
    }

    /** Whether the health-check scheduler thread has ended (for tests). */
    boolean checksTerminated() {
        return checks.terminated();
    }

    /** Stops the health checks' scheduler, then the client. */
    @Override
    public void close() {
        checks.close();
        client.close(CloseMode.GRACEFUL);
    }
}
