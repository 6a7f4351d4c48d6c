package dev.triage.agent.client;

import static dev.triage.agent.client.AgentClientTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: a tiny upstream, an agent in front of it with its admin API, and the client's
 * event subscription. An unauthenticated note post must reach the subscriber as a security alert
 * naming the source, while a clinician's traffic before it raises nothing.
 */
class SecurityEventsEndToEndTest {

    private static final String TOKEN = "security-e2e-token-71c2";
    private static final String CLINICIAN =
            "Basic " + Base64.getEncoder().encodeToString("dr.alvarez:correct horse".getBytes(StandardCharsets.UTF_8));

    private HttpServer upstream;
    private AgentServer agent;
    private AdminServer admin;
    private AgentClient client;
    private AgentEndpoint endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        agent = AgentServer.start(config(upstream.getAddress().getPort()));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        client = AgentClient.create();
        endpoint = new AgentEndpoint("node-1", URI.create("http://127.0.0.1:" + admin.port()), TOKEN);
    }

    @AfterEach
    void stop() {
        client.close();
        admin.close();
        agent.close();
        upstream.stop(0);
        http.close();
    }

    @Test
    void anUnauthenticatedNotePostReachesTheSubscriberAsASecurityAlertWithTheSource() throws Exception {
        BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
        try (Subscription subscription = client.events(endpoint, events::add)) {
            get(subscription.opened());

            // a clinician first: a read and a note, both fine
            assertThat(send("GET", "/patients/1", CLINICIAN)).isEqualTo(200);
            assertThat(send("POST", "/patients/1/notes", CLINICIAN)).isEqualTo(201);
            // then the attacker: no credentials, refused by the route's gate
            assertThat(send("POST", "/patients/1/notes", null)).isEqualTo(401);

            SecurityEvent alert = nextSecurityEvent(events);
            assertThat(alert.kind()).isEqualTo(SecurityEvent.Kind.UNAUTHENTICATED_WRITE);
            assertThat(alert.severity()).isEqualTo(SecurityEvent.Severity.CRITICAL);
            assertThat(alert.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(alert.route()).isEqualTo("writes");
            assertThat(alert.evidence()).isEqualTo("POST /patients/1/notes (no Authorization header)");
            assertThat(alert.summary()).isFalse();
            assertThat(alert.count()).isEqualTo(1);
            assertThat(alert.instant()).isBefore(java.time.Instant.now().plusSeconds(1));
        }

        AgentStats stats = get(client.stats(endpoint));
        assertThat(stats.security().detections()).containsEntry("unauthenticated_write", 1L);
        assertThat(stats.security().eventsPublished()).isEqualTo(1);
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(traffic() + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains("triage_security_detections_total{kind=\"unauthenticated_write\"} 1\n")
                .contains("triage_security_events_total 1\n");
    }

    private static SecurityEvent nextSecurityEvent(BlockingQueue<AgentEvent> events) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            AgentEvent event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no security event within 10 s");
            }
            if (event instanceof AgentEvent.SecurityAlert alert) {
                return alert.event();
            }
            assertThat(event.type()).isNotEqualTo("security");
        }
        throw new AssertionError("no security event among 100 events");
    }

    private String traffic() {
        return "http://127.0.0.1:" + agent.port("main");
    }

    private int send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(traffic() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        "POST".equals(method)
                                ? HttpRequest.BodyPublishers.ofString("{\"text\":\"note\"}")
                                : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static AgentConfig config(int upstreamPort) {
        Rule writes = new Rule(
                "writes",
                10,
                List.of(new Condition(Condition.HTTP_REQUEST_METHOD, null, List.of("POST", "PATCH", "DELETE"), null)),
                Action.forwardTo("hosp"),
                new RoutePolicy(null, null, null, new GatePolicy(null, true, 0, List.of())));
        Rule reads = new Rule(
                "reads",
                20,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                Action.forwardTo("hosp"),
                RoutePolicy.NONE);
        Listener listener = new Listener(
                "main", "HTTP", "127.0.0.1", 0, List.of(writes, reads), Action.fixed(404, "text/plain", "no route"));
        TargetGroup group =
                new TargetGroup("hosp", List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), 1_000, 0, 0, null);
        return new AgentConfig("security-e2e", List.of(listener), List.of(group), null, null);
    }
}
