package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link AgentClient}: one HttpClient 5 async client (two I/O threads, no retries,
 * no redirects, no cookies), the bearer token on every request, failures turned into {@link
 * AgentClientException}s, and every call under way tracked so that closing never leaves a future
 * hanging.
 */
final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final String JSON = "application/json";

    /** Turns a response into the call's result; throws an {@link AgentClientException} otherwise. */
    interface Handler<T> {
        T handle(SimpleHttpResponse response);
    }

    private final CloseableHttpAsyncClient http;
    private final Failures failures;
    private final Duration responseTimeout;
    private final Duration eventsIdleTimeout;
    private final RequestConfig eventsRequest;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<CompletableFuture<?>, AgentEndpoint> underWay = new ConcurrentHashMap<>();
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

    Transport(AgentClient.Options options) {
        this.failures = new Failures(options.connectTimeout());
        this.responseTimeout = options.responseTimeout();
        this.eventsIdleTimeout = options.eventsIdleTimeout();
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(timeout(options.connectTimeout()))
                .setSocketTimeout(timeout(responseTimeout))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        RequestConfig request = RequestConfig.custom()
                .setResponseTimeout(timeout(responseTimeout))
                .setConnectionRequestTimeout(timeout(responseTimeout))
                .setRedirectsEnabled(false)
                .build();
        this.eventsRequest = RequestConfig.copy(request)
                .setResponseTimeout(timeout(eventsIdleTimeout))
                .build();
        this.http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnPerRoute(options.maxConnectionsPerAgent())
                        .setMaxConnTotal(1024)
                        .build())
                .setDefaultRequestConfig(request)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).build())
                .setThreadFactory(new DefaultThreadFactory("triage-agent-client", true))
                .setUserAgent("triage-agent-client")
                .setIoReactorExceptionCallback(this::reactorFailure)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.http.start();
    }

    /** One request with a JSON answer, handed to {@code handler} unless it is a 401. */
    <T> CompletableFuture<T> exchange(
            AgentEndpoint agent, Method method, String path, byte[] body, String ifMatch, Handler<T> handler) {
        requireNonNull(agent, "agent");
        ensureOpen();
        SimpleHttpRequest request = request(agent, method, path, body, ifMatch, JSON);
        CompletableFuture<T> result = new CompletableFuture<>();
        underWay.put(result, agent);
        result.whenComplete((value, failure) -> underWay.remove(result));
        FutureCallback<SimpleHttpResponse> callback = new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                try {
                    if (response.getCode() == 401) {
                        throw new AgentUnauthorizedException(agent);
                    }
                    result.complete(handler.handle(response));
                } catch (RuntimeException e) {
                    result.completeExceptionally(failures.map(agent, e, responseTimeout));
                }
            }

            @Override
            public void failed(Exception cause) {
                result.completeExceptionally(failures.map(agent, cause, responseTimeout));
            }

            @Override
            public void cancelled() {
                result.completeExceptionally(new AgentUnreachableException(
                        agent, AgentUnreachableException.Reason.CANCELLED, "the call was cancelled", null));
            }
        };
        if (closed.get()) {
            callback.cancelled();
            return result;
        }
        try {
            Future<SimpleHttpResponse> running =
                    http.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), callback);
            // Completed by the caller (cancel) or by close(): the exchange is dropped too.
            result.whenComplete((value, failure) -> running.cancel(true));
        } catch (RuntimeException e) {
            callback.failed(e);
        }
        return result;
    }

    /** {@code GET /admin/events}, parsed as it arrives. */
    Subscription events(AgentEndpoint agent, Consumer<? super AgentEvent> consumer) {
        requireNonNull(agent, "agent");
        requireNonNull(consumer, "consumer");
        ensureOpen();
        EventStream stream = new EventStream(agent, consumer, failures, eventsIdleTimeout);
        SimpleHttpRequest request = request(agent, Method.GET, "/admin/events", null, null, "text/event-stream");
        request.setConfig(eventsRequest);
        EventStream.Outcome outcome = stream.new Outcome();
        streams.add(stream);
        stream.done().whenComplete((ok, failure) -> streams.remove(stream));
        if (closed.get()) {
            stream.close();
            return stream;
        }
        try {
            stream.started(
                    http.execute(SimpleRequestProducer.create(request), stream.new Reader(), null, null, outcome));
        } catch (RuntimeException e) {
            outcome.failed(e);
        }
        return stream;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.forEach(EventStream::close);
        underWay.forEach((call, agent) -> call.completeExceptionally(new AgentUnreachableException(
                agent, AgentUnreachableException.Reason.CANCELLED, "the client was closed during the call", null)));
        http.close(CloseMode.IMMEDIATE);
    }

    private static SimpleHttpRequest request(
            AgentEndpoint agent, Method method, String path, byte[] body, String ifMatch, String accept) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(method)
                .setUri(agent.resolve(path))
                .setHeader(HttpHeaders.AUTHORIZATION, agent.authorization())
                .setHeader(HttpHeaders.ACCEPT, accept);
        if (ifMatch != null) {
            builder.setHeader(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (body != null) {
            builder.setBody(body, ContentType.APPLICATION_JSON);
        }
        return builder.build();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the agent client is closed");
        }
    }

    /** I/O reactor failures; the selector closing under a reactor that is shutting down is expected. */
    private void reactorFailure(Exception failure) {
        if (closed.get() && failure instanceof ClosedSelectorException) {
            return;
        }
        LOG.error("agent client I/O reactor failed", failure);
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }
}
