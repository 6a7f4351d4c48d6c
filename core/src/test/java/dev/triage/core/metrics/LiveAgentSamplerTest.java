package dev.triage.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.fleet.AdminApiFleet;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.MetricQuery.Scope;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.MetricQuery.Scope.RouteScope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sampler against a real agent in front of a real upstream, over loopback sockets: a bounded number of
 * requests, some failing for good and some failing once and retried, and the per-second deltas they leave.
 */
class LiveAgentSamplerTest {

    static final String TOKEN = "sampler-test-token-91b0";
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Scope AGENT = new LoadBalancerScope("agent:edge");
    static final Scope APP = new TargetGroupScope("agent:edge", "agent:edge/targetgroup/app");
    static final Scope FLAKY = new RouteScope("agent:edge/rule/web/flaky");

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private HttpServer upstream;
    private AgentServer agent;
    private AdminServer admin;
    private AgentClient client;
    private FleetAgent edge;
    private int trafficPort;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean fail = path.startsWith("/fail") || (path.startsWith("/flaky/") && seen.add(path));
            byte[] body = (fail ? "down" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        trafficPort = freePort();
        agent = AgentServer.start(config(trafficPort, upstream.getAddress().getPort()));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        client = AgentClient.create();
        edge = new FleetAgent("edge", new AgentEndpoint("edge", URI.create("http://127.0.0.1:" + admin.port()), TOKEN));
    }

    @AfterEach
    void stop() {
        client.close();
        admin.close();
        agent.close();
        upstream.stop(0);
    }

    @Test
    void realTrafficBecomesPerSecondDeltasAndFailuresAbsorbed() throws Exception {
        MutableClock clock = new MutableClock(T0);
        LiveMetrics metrics = new LiveMetrics(clock);
        StatsSampler sampler =
                new StatsSampler(List.of(edge), StatsSource.over(client), metrics, ScopeIds.AGENTS, clock);
        sampler.tick().join();
        assertThat(metrics.freshness("edge").stale()).isFalse();

        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            assertThat(get(http, "/ok/" + i)).isEqualTo(200);
            if (i < 4) {
                assertThat(get(http, "/fail/" + i)).isEqualTo(503);
            }
            if (i < 6) {
                assertThat(get(http, "/flaky/" + i)).isEqualTo(200);
            }
        }
        awaitCounted(20, 26);
        clock.advance(Duration.ofSeconds(1));
        sampler.tick().join();

        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0, 1)).containsExactly(20f);
        assertThat(metrics.perSecond(AGENT, Measure.FAILED, T0, 1)).containsExactly(4f);
        assertThat(metrics.perSecond(AGENT, Measure.UPSTREAM_ATTEMPTS, T0, 1)).containsExactly(26f);
        assertThat(metrics.perSecond(AGENT, Measure.UPSTREAM_FAILED, T0, 1)).containsExactly(10f);
        assertThat(metrics.perSecond(FLAKY, Measure.REQUESTS, T0, 1)).containsExactly(6f);
        assertThat(metrics.perSecond(FLAKY, Measure.FAILED, T0, 1)).containsExactly(0f);
        assertThat(metrics.perSecond(FLAKY, Measure.UPSTREAM_FAILED, T0, 1)).containsExactly(6f);
        assertThat(metrics.perSecond(APP, Measure.REQUESTS, T0, 1)).containsExactly(20f);

        FailuresAbsorbed app = metrics.absorbed(T0, T0.plusSeconds(1)).getFirst();
        assertThat(app.targetGroup()).isEqualTo("app");
        assertThat(app.upstreamFailures()).isEqualTo(10);
        assertThat(app.clientFailures()).isCloseTo(4, within(1e-9));
        assertThat(app.absorbed()).isCloseTo(6, within(1e-9));

        var traffic = new AdminApiFleet(List.of(edge), client, metrics)
                .agents()
                .getFirst()
                .traffic();
        assertThat(traffic.requestsPerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(traffic.successRatio()).hasValueCloseTo(0.8, within(1e-9));
        assertThat(metrics.slo(AGENT).budget().failed()).isEqualTo(4.0);
    }

    @Test
    void anAgentThatStopsAnsweringGoesStale() {
        MutableClock clock = new MutableClock(T0);
        LiveMetrics metrics = new LiveMetrics(clock);
        StatsSampler sampler =
                new StatsSampler(List.of(edge), StatsSource.over(client), metrics, ScopeIds.AGENTS, clock);
        sampler.tick().join();
        admin.close();

        clock.advance(Duration.ofSeconds(5));
        sampler.tick().join();

        AgentFreshness freshness = metrics.freshness("edge");
        assertThat(freshness.stale()).isTrue();
        assertThat(freshness.lastSample()).isEqualTo(T0);
        assertThat(freshness.problem()).contains("edge");
    }

    private int get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trafficPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Waits (at most 5 s) until the agent's stats count the requests and attempts; metrics are written off the request thread. */
    private void awaitCounted(long requests, long attempts) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            AgentStats stats = client.stats(edge.endpoint()).join();
            if (stats.totals().requests().total() >= requests
                    && stats.targetGroups().get("app").attempts().attempts() >= attempts) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the agent never counted " + requests + " requests and " + attempts + " attempts");
    }

    private static AgentConfig config(int port, int upstreamPort) {
        RetryPolicy retryOn503 = new RetryPolicy(2, 2_000, 5_000, 1, 5, List.of("503"), false, null, null, false, 0);
        Rule flaky = new Rule(
                "flaky",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/flaky/*"), null)),
                Action.forwardTo("app"),
                new RoutePolicy(retryOn503, null, null, null));
        Listener web = new Listener("web", Listener.HTTP, "127.0.0.1", port, List.of(flaky), Action.forwardTo("app"));
        TargetGroup app =
                new TargetGroup("app", List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), 0, 0, 0, null);
        return new AgentConfig("edge-1", List.of(web), List.of(app), null, null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
