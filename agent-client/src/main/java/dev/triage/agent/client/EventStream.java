package dev.triage.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.client.AgentUnreachableException.Reason;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.AbstractCharResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/** One {@code GET /admin/events} exchange: parses the stream as it arrives and hands events over. */
final class EventStream implements Subscription {

    static final String CALL = "GET /admin/events";
    private static final int MAX_ERROR_BODY_CHARS = 4096;

    private final AgentEndpoint agent;
    private final Consumer<? super AgentEvent> consumer;
    private final Failures failures;
    private final Duration idleTimeout;
    private final SseParser parser = new SseParser(this::dispatch);
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final StringBuilder errorBody = new StringBuilder();
    private volatile Future<Void> exchange;
    private volatile boolean closed;
    private volatile Throwable consumerFailure;
    private volatile int status;
    private volatile ContentType contentType;

    EventStream(AgentEndpoint agent, Consumer<? super AgentEvent> consumer, Failures failures, Duration idleTimeout) {
        this.agent = agent;
        this.consumer = consumer;
        this.failures = failures;
        this.idleTimeout = idleTimeout;
    }

    void started(Future<Void> exchange) {
        this.exchange = exchange;
        if (closed) {
            exchange.cancel(true);
        }
    }

    @Override
    public CompletableFuture<Void> opened() {
        return opened.copy();
    }

    @Override
    public CompletableFuture<Void> done() {
        return done.copy();
    }

    @Override
    public void close() {
        closed = true;
        Future<Void> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
        opened.completeExceptionally(new AgentUnreachableException(
                agent, Reason.CANCELLED, "the event stream was closed before it opened", null));
        done.complete(null);
    }

    /** The response, on the client's I/O thread. */
    final class Reader extends AbstractCharResponseConsumer<Void> {

        @Override
        protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
            if (closed) {
                throw new IOException("the event subscription was closed");
            }
            EventStream.this.status = response.getCode();
            EventStream.this.contentType = contentType;
            setCharset(
                    contentType != null && contentType.getCharset() != null
                            ? contentType.getCharset()
                            : StandardCharsets.UTF_8);
            if (streaming()) {
                opened.complete(null);
            }
        }

        @Override
        protected int capacityIncrement() {
            return Integer.MAX_VALUE;
        }

        @Override
        protected void data(CharBuffer chunk, boolean endOfStream) throws IOException {
            if (closed) {
                // Cancelling the exchange does not always reach a connection that is already
                // streaming; failing the consumer makes the client discard the connection.
                throw new IOException("the event subscription was closed");
            }
            if (streaming()) {
                parser.feed(chunk);
            } else if (errorBody.length() < MAX_ERROR_BODY_CHARS) {
                int room = MAX_ERROR_BODY_CHARS - errorBody.length();
                errorBody.append(chunk, 0, Math.min(room, chunk.remaining()));
            }
        }

        @Override
        protected Void buildResult() {
            return null;
        }

        @Override
        public void releaseResources() {}
    }

    private boolean streaming() {
        return status == 200 && contentType != null && "text/event-stream".equalsIgnoreCase(contentType.getMimeType());
    }

    private void dispatch(String type, String data) {
        if (closed || consumerFailure != null) {
            return;
        }
        AgentEvent event = toEvent(type, data);
        try {
            consumer.accept(event);
        } catch (RuntimeException | Error e) {
            consumerFailure = e;
            Future<Void> running = exchange;
            done.completeExceptionally(e);
            if (running != null) {
                running.cancel(true);
            }
        }
    }

    static AgentEvent toEvent(String type, String data) {
        try {
            JsonNode node = Responses.JSON.readTree(data);
            if (type.equals("config") && hasText(node, "version") && hasText(node, "hash")) {
                return new AgentEvent.ConfigApplied(
                        node.get("version").asText(), node.get("hash").asText());
            }
            if (type.equals("health")
                    && hasText(node, "targetGroup")
                    && hasText(node, "target")
                    && node.path("healthy").isBoolean()) {
                return new AgentEvent.TargetHealthChanged(
                        node.get("targetGroup").asText(),
                        node.get("target").asText(),
                        node.get("healthy").asBoolean());
            }
            if (type.equals("security") && node != null && node.isObject()) {
                return new AgentEvent.SecurityAlert(Responses.JSON.treeToValue(node, SecurityEvent.class));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON, or not an event this client can read: handed over as it came
        }
        return new AgentEvent.Other(type, data);
    }

    private static boolean hasText(JsonNode node, String field) {
        return node != null && node.path(field).isTextual();
    }

    /** The end of the exchange. */
    final class Outcome implements FutureCallback<Void> {

        @Override
        public void completed(Void result) {
            if (closed || consumerFailure != null) {
                done.complete(null);
                return;
            }
            AgentClientException failure;
            if (status == 401) {
                failure = new AgentUnauthorizedException(agent);
            } else if (!streaming()) {
                failure = unexpected();
            } else {
                failure = new AgentUnreachableException(
                        agent, Reason.CONNECTION_LOST, "the agent ended the event stream", null);
            }
            opened.completeExceptionally(failure);
            done.completeExceptionally(failure);
        }

        @Override
        public void failed(Exception cause) {
            if (closed || consumerFailure != null) {
                done.complete(null);
                return;
            }
            AgentClientException failure = failures.map(agent, cause, idleTimeout);
            opened.completeExceptionally(failure);
            done.completeExceptionally(failure);
        }

        @Override
        public void cancelled() {
            if (consumerFailure == null) {
                close();
            }
        }
    }

    private AgentClientException unexpected() {
        SimpleHttpResponse response = new SimpleHttpResponse(status);
        response.setBody(errorBody.toString(), ContentType.TEXT_PLAIN);
        if (status == 200) {
            return new AgentProtocolException(
                    agent,
                    status,
                    "the answer to " + CALL + " is "
                            + (contentType == null ? "without content type" : contentType.getMimeType())
                            + ", not text/event-stream",
                    null);
        }
        return Responses.unexpected(agent, CALL, response);
    }
}
