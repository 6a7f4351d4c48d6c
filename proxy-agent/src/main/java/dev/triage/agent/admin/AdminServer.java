package dev.triage.agent.admin;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.server.AgentServer;
import dev.triage.agent.state.ConfigStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's control plane: an HTTP/1.1 listener of its own (HttpCore 5 classic server, one worker
 * thread per connection, so a config push or an event stream never occupies a traffic reactor). The
 * one public entry point of the admin API; docs/agent-api.md describes every endpoint.
 *
 * <p>Config changes go through it only; it persists them to the state directory when one is given,
 * publishes {@code config} events, samples target health for {@code health} events, and forwards the
 * detectors' {@code security} events.
 */
public final class AdminServer implements AutoCloseable {

    /** The default admin port of the CLI. */
    public static final int DEFAULT_PORT = 9901;

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final EventHub events;
    private final HealthWatcher health;
    private final AutoCloseable security;

    private AdminServer(HttpServer server, EventHub events, HealthWatcher health, AutoCloseable security) {
        this.server = server;
        this.events = events;
        this.health = health;
        this.security = security;
    }

    /**
     * Starts the admin listener for a running agent.
     *
     * @param store where config changes are persisted (null: in memory only); the running config is
     *     saved there at once when it is not already the stored one
     * @throws IOException when the address cannot be bound (the message names it) or the store fails
     */
    public static AdminServer start(AgentServer agent, InetSocketAddress address, AdminToken token, ConfigStore store)
            throws IOException {
        return start(agent, address, token, store, KEEP_ALIVE, HealthWatcher.INTERVAL);
    }

    static AdminServer start(
            AgentServer agent,
            InetSocketAddress address,
            AdminToken token,
            ConfigStore store,
            Duration keepAlive,
            Duration healthInterval)
            throws IOException {
        requireNonNull(agent, "agent");
        requireNonNull(address, "address");
        requireNonNull(token, "token");
        EventHub events = new EventHub();
        ConfigControl control = new ConfigControl(agent, store, (version, hash) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("version", version);
            data.put("hash", hash);
            events.publish("config", data);
        });
        AdminHandler handler = new AdminHandler(agent, token, control, events, keepAlive);
        HttpServer server = ServerBootstrap.bootstrap()
                .setLocalAddress(address.getAddress())
                .setListenerPort(address.getPort())
                .setSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.ofSeconds(60))
                        .setSoReuseAddress(true)
                        .setTcpNoDelay(true)
                        .build())
                .setHttp1Config(Http1Config.custom()
                        .setMaxLineLength(8 * 1024)
                        .setMaxHeaderCount(100)
                        .build())
                .setRequestRouter((request, context) -> handler)
                .setExceptionListener(new QuietExceptions())
                .create();
        try {
            server.start();
        } catch (IOException e) {
            server.close(CloseMode.IMMEDIATE);
            throw new IOException(
                    "admin: cannot listen on " + address.getHostString() + ":" + address.getPort() + " ("
                            + e.getMessage() + ")",
                    e);
        }
        HealthWatcher health = new HealthWatcher(agent::stats, events, healthInterval);
        AutoCloseable security = agent.securityEvents(event -> events.publish("security", event));
        AdminServer admin = new AdminServer(server, events, health, security);
        LOG.info("admin listener on {}:{}", address.getHostString(), admin.port());
        return admin;
    }

    /** The port the admin listener is bound to (the ephemeral one when started on port 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Ends event streams, stops listening and closes admin connections. */
    @Override
    public void close() {
        try {
            security.close();
        } catch (Exception e) {
            LOG.debug("security subscription: {}", e.toString());
        }
        health.close();
        events.close();
        server.initiateShutdown();
        try {
            server.awaitTermination(TimeValue.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close(CloseMode.IMMEDIATE);
    }
}
