package dev.triage.agent.admin;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.server.AgentServer;
import dev.triage.agent.state.ConfigStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A running agent with its admin listener on ephemeral loopback ports, and a client for it. */
final class AdminFixture implements AutoCloseable {

    static final String TOKEN = "test-token-7f3a9c";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final AgentServer agent;
    final AdminServer admin;

    AdminFixture(AgentConfig config, ConfigStore store) throws IOException {
        this(config, store, AdminServer.KEEP_ALIVE, Duration.ofMillis(50));
    }

    AdminFixture(AgentConfig config, ConfigStore store, Duration keepAlive, Duration healthInterval)
            throws IOException {
        this.agent = AgentServer.start(config);
        try {
            this.admin = AdminServer.start(
                    agent,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    AdminToken.of(TOKEN),
                    store,
                    keepAlive,
                    healthInterval);
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    static AdminFixture start(AgentConfig config) throws IOException {
        return new AdminFixture(config, null);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }

    /** A request with the right token. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return sendAs("Bearer " + TOKEN, method, path, body, headers);
    }

    /** A request with the given Authorization header (none when null). */
    HttpResponse<String> sendAs(String authorization, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(AgentConfig config, String ifMatch) throws Exception {
        return send("PUT", "/admin/config", ConfigCodec.write(config), "If-Match", "\"" + ifMatch + "\"");
    }

    String runningHash() {
        return ConfigCodec.hash(agent.config());
    }

    static HttpClient client() {
        return CLIENT;
    }

    /** A loopback port nothing listens on (bound, then closed). */
    static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        admin.close();
        agent.close();
    }
}
