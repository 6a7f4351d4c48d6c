package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.InvalidConfigException;
import dev.triage.agent.api.stats.AgentStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.Method;

/**
 * A typed client for the agent admin API (docs/agent-api.md), one per process, shared by every
 * agent it talks to.
 *
 * <p>Every call returns at once; its future completes on one of the client's two I/O threads, so
 * callbacks must not block (use the {@code *Async} variants with your own executor for anything
 * slow). A failed future's cause is always an {@link AgentClientException}. Nothing is retried: a
 * push whose answer was lost may have been applied, and fetching the config tells.
 */
public final class AgentClient implements AutoCloseable {

    private final Transport transport;
    private final Options options;

    /**
     * Timeouts and limits of a client.
     *
     * @param connectTimeout how long to wait for a TCP connection
     * @param responseTimeout how long to wait for an answer (and between its parts)
     * @param eventsIdleTimeout how long an event stream may stay silent before it counts as lost (the
     *     agent sends a keep-alive every 15 s)
     * @param maxConnectionsPerAgent open connections per agent, event streams included
     */
    public record Options(
            Duration connectTimeout, Duration responseTimeout, Duration eventsIdleTimeout, int maxConnectionsPerAgent) {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
        public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_EVENTS_IDLE_TIMEOUT = Duration.ofSeconds(45);
        public static final int DEFAULT_MAX_CONNECTIONS_PER_AGENT = 4;
        public static final Options DEFAULTS = new Options(
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_RESPONSE_TIMEOUT,
                DEFAULT_EVENTS_IDLE_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS_PER_AGENT);

        public Options {
            positive("connectTimeout", connectTimeout);
            positive("responseTimeout", responseTimeout);
            positive("eventsIdleTimeout", eventsIdleTimeout);
            if (maxConnectionsPerAgent < 1 || maxConnectionsPerAgent > 64) {
                throw new IllegalArgumentException(
                        "maxConnectionsPerAgent: " + maxConnectionsPerAgent + " (expected: 1..64)");
            }
        }

        public Options withConnectTimeout(Duration timeout) {
            return new Options(timeout, responseTimeout, eventsIdleTimeout, maxConnectionsPerAgent);
        }

        public Options withResponseTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, eventsIdleTimeout, maxConnectionsPerAgent);
        }

        public Options withEventsIdleTimeout(Duration timeout) {
            return new Options(connectTimeout, responseTimeout, timeout, maxConnectionsPerAgent);
        }

        private static void positive(String name, Duration value) {
            requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: more than zero)");
            }
        }
    }

    private AgentClient(Options options) {
        this.options = options;
        this.transport = new Transport(options);
    }

    /** A started client; close it when done. */
    public static AgentClient create(Options options) {
        return new AgentClient(requireNonNull(options, "options"));
    }

    /** A started client with {@link Options#DEFAULTS}. */
    public static AgentClient create() {
        return create(Options.DEFAULTS);
    }

    public Options options() {
        return options;
    }

    /** {@code GET /admin/status}. */
    public CompletableFuture<AgentStatus> status(AgentEndpoint agent) {
        String call = "GET /admin/status";
        return transport.exchange(
                agent, Method.GET, "/admin/status", null, null, response -> switch (response.getCode()) {
                    case 200 -> Responses.read(agent, call, response, AgentStatus.class);
                    default -> throw Responses.unexpected(agent, call, response);
                });
    }

    /** {@code GET /admin/config}: the running config and its ETag. */
    public CompletableFuture<VersionedConfig> config(AgentEndpoint agent) {
        String call = "GET /admin/config";
        return transport.exchange(agent, Method.GET, "/admin/config", null, null, response -> {
            if (response.getCode() != 200) {
                throw Responses.unexpected(agent, call, response);
            }
            var etag = response.getFirstHeader(HttpHeaders.ETAG);
            if (etag == null || unquote(etag.getValue()).isEmpty()) {
                throw new AgentProtocolException(agent, 200, "the answer to " + call + " has no ETag", null);
            }
            try {
                AgentConfig config = ConfigCodec.parse(new String(Responses.body(response), StandardCharsets.UTF_8));
                return new VersionedConfig(config, unquote(etag.getValue()));
            } catch (InvalidConfigException e) {
                throw new AgentProtocolException(
                        agent, 200, "the agent runs a config this client cannot read: " + e.getMessage(), e);
            }
        });
    }

    /**
     * {@code PUT /admin/config}: replaces the whole config if the agent still runs the one {@code
     * ifMatch} names. Fails with {@link ConfigRejectedException} (400, nothing changed) or {@link
     * ConfigConflictException} (409, someone pushed first); a config above the agent's body limit
     * (413) is rejected too, and one the agent applied but could not persist (500, it went back to
     * the config it had) fails with an {@link AgentProtocolException} saying so.
     *
     * @param ifMatch the hash from {@link #config} ({@link VersionedConfig#etag()}), quoted or not
     */
    public CompletableFuture<ApplyResult> pushConfig(AgentEndpoint agent, AgentConfig config, String ifMatch) {
        requireNonNull(config, "config");
        requireNonNull(ifMatch, "ifMatch");
        if (unquote(ifMatch).isEmpty()) {
            throw new IllegalArgumentException("ifMatch: '" + ifMatch + "' (expected: the config's ETag)");
        }
        String entityTag = ifMatch.startsWith("\"") || ifMatch.startsWith("W/") ? ifMatch : '"' + ifMatch + '"';
        String call = "PUT /admin/config";
        byte[] body = ConfigCodec.write(config).getBytes(StandardCharsets.UTF_8);
        return transport.exchange(
                agent, Method.PUT, "/admin/config", body, entityTag, response -> switch (response.getCode()) {
                    case 200 -> applied(agent, call, response);
                    case 400 -> throw new ConfigRejectedException(agent, Responses.configErrors(agent, call, response));
                    case 413 ->
                        throw new ConfigRejectedException(agent, List.of(Responses.tooLarge(body.length, response)));
                    case 500 -> throw Responses.notPersisted(agent, call, response);
                    case 409 -> {
                        JsonNode answer = Responses.tree(agent, call, response);
                        throw new ConfigConflictException(
                                agent, unquote(ifMatch), Responses.text(agent, call, response, answer, "currentHash"));
                    }
                    default -> throw Responses.unexpected(agent, call, response);
                });
    }

    /** {@code POST /admin/config/validate}: the agent's verdict on a config; nothing is applied. */
    public CompletableFuture<ValidationResult> validate(AgentEndpoint agent, AgentConfig config) {
        requireNonNull(config, "config");
        String call = "POST /admin/config/validate";
        byte[] body = ConfigCodec.write(config).getBytes(StandardCharsets.UTF_8);
        return transport.exchange(
                agent, Method.POST, "/admin/config/validate", body, null, response -> switch (response.getCode()) {
                    case 200 -> {
                        JsonNode answer = Responses.tree(agent, call, response);
                        if (!answer.path("valid").asBoolean(false)) {
                            throw Responses.unexpected(agent, call, response);
                        }
                        yield ValidationResult.VALID;
                    }
                    case 400 -> new ValidationResult(false, Responses.configErrors(agent, call, response));
                    case 413 -> new ValidationResult(false, List.of(Responses.tooLarge(body.length, response)));
                    default -> throw Responses.unexpected(agent, call, response);
                });
    }

    /**
     * {@code POST /admin/config/rollback}: back to the previous good config. Fails with {@link
     * NoPreviousConfigException} when there is none.
     */
    public CompletableFuture<ApplyResult> rollback(AgentEndpoint agent) {
        String call = "POST /admin/config/rollback";
        return transport.exchange(
                agent,
                Method.POST,
                "/admin/config/rollback",
                new byte[0],
                null,
                response -> switch (response.getCode()) {
                    case 200 -> applied(agent, call, response);
                    case 409 -> throw new NoPreviousConfigException(agent);
                    case 500 -> throw Responses.notPersisted(agent, call, response);
                    default -> throw Responses.unexpected(agent, call, response);
                });
    }

    /** {@code GET /admin/stats}. */
    public CompletableFuture<AgentStats> stats(AgentEndpoint agent) {
        String call = "GET /admin/stats";
        return transport.exchange(
                agent, Method.GET, "/admin/stats", null, null, response -> switch (response.getCode()) {
                    case 200 -> Responses.read(agent, call, response, AgentStats.class);
                    default -> throw Responses.unexpected(agent, call, response);
                });
    }

    /**
     * {@code POST /admin/cache/purge}: drops cached responses whose path starts with {@code
     * pathPrefix}, or every one when it is null; completes with how many were dropped.
     */
    public CompletableFuture<Long> purgeCache(AgentEndpoint agent, String pathPrefix) {
        String call = "POST /admin/cache/purge";
        ObjectNode request = Responses.JSON.createObjectNode();
        if (pathPrefix != null) {
            request.put("pathPrefix", pathPrefix);
        }
        byte[] body;
        try {
            body = Responses.JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object cannot be written", e);
        }
        return transport.exchange(agent, Method.POST, "/admin/cache/purge", body, null, response -> {
            if (response.getCode() != 200) {
                throw Responses.unexpected(agent, call, response);
            }
            JsonNode purged = Responses.tree(agent, call, response).get("purged");
            if (purged == null || !purged.canConvertToLong()) {
                throw new AgentProtocolException(
                        agent,
                        200,
                        "the answer to " + call + " lacks \"purged\": " + Responses.excerpt(response),
                        null);
            }
            return purged.asLong();
        });
    }

    /**
     * {@code GET /admin/events}: hands every event to {@code consumer}, on an I/O thread, in the
     * order the agent sent them, until the subscription is closed or the stream ends. The
     * subscription does not reconnect (see {@link Subscription#done()}). A consumer that throws ends
     * the subscription.
     */
    public Subscription events(AgentEndpoint agent, Consumer<? super AgentEvent> consumer) {
        return transport.events(agent, consumer);
    }

    /**
     * Closes every connection at once: calls under way fail with an {@link AgentUnreachableException}
     * ({@code CANCELLED}), event subscriptions end as if closed.
     */
    @Override
    public void close() {
        transport.close();
    }

    private static ApplyResult applied(AgentEndpoint agent, String call, SimpleHttpResponse response) {
        JsonNode answer = Responses.tree(agent, call, response);
        return new ApplyResult(
                Responses.text(agent, call, response, answer, "version"),
                Responses.text(agent, call, response, answer, "hash"));
    }

    /** The hash inside an entity tag: {@code W/"abc"} and {@code "abc"} give {@code abc}. */
    static String unquote(String entityTag) {
        String tag = entityTag.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        return tag;
    }
}
