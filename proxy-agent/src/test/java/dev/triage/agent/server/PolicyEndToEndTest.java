package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.RoutePolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry, cache and gates through the real server, over real sockets. */
class PolicyEndToEndTest {

    private UpstreamFixture upstream;
    private AgentServer agent;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new UpstreamFixture();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        upstream.close();
    }

    private int start(RoutePolicy policy) throws Exception {
        agent = AgentServer.start(Configs.forwardAll("e2e-1", upstream.port(), policy));
        return agent.port(Configs.LISTENER);
    }

    @Test
    void retriesAGetOn503FromAFlakyUpstream() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        upstream.handler((exchange, received) -> {
            if (calls.incrementAndGet() <= 2) {
                UpstreamFixture.status(exchange, 503, "busy");
            } else {
                UpstreamFixture.status(exchange, 200, "fine");
            }
        });
        int port = start(new RoutePolicy(Configs.retry(3, 2_000, null), null, null, null));

        HttpResponse<String> response = Http.get(port, "/patients");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("fine");
        assertThat(upstream.received()).hasSize(3);
        assertThat(agent.stats().routes().get("api").policies().retries()).isEqualTo(2);
        assertThat(agent.stats().routes().get("api").upstream().status5xx()).isEqualTo(2);
        assertThat(agent.stats().routes().get("api").requests().status2xx()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAPostOnceItWasSent() throws Exception {
        upstream.handler((exchange, received) -> UpstreamFixture.status(exchange, 503, "maybe committed"));
        int port = start(new RoutePolicy(Configs.retry(3, 2_000, null), null, null, null));

        HttpResponse<String> response = Http.send(port, "POST", "/patients/1/notes", "{\"text\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(upstream.received()).hasSize(1);
        assertThat(agent.stats().routes().get("api").policies().retries()).isZero();
    }

    @Test
    void marksCacheMissThenHit() throws Exception {
        int port = start(new RoutePolicy(null, null, new CachePolicy(60_000, 0, 0, false, 0), null));

        HttpResponse<String> first = Http.get(port, "/hospitals");
        HttpResponse<String> second = Http.get(port, "/hospitals");

        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(upstream.received()).hasSize(1);
        assertThat(agent.stats().routes().get("api").policies().cacheHits()).isEqualTo(1);
        assertThat(agent.stats().routes().get("api").policies().cacheMisses()).isEqualTo(1);
    }

    @Test
    void servesTheLastGoodCopyWhileTheUpstreamFails() throws Exception {
        int port = start(new RoutePolicy(null, null, new CachePolicy(1, 0, 600_000, false, 0), null));
        HttpResponse<String> good = Http.get(port, "/hospitals/1");
        assertThat(good.statusCode()).isEqualTo(200);
        upstream.handler((exchange, received) -> UpstreamFixture.status(exchange, 503, "down"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> stale = Http.get(port, "/hospitals/1");
            assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo(good.body());
        });
        assertThat(agent.stats().routes().get("api").policies().cacheStale()).isPositive();
    }

    @Test
    void gatesRefuseBeforeTheUpstreamSeesAnything() throws Exception {
        GatePolicy gates = new GatePolicy(
                new GatePolicy.RequiredHeader("X-CDN-Secret", List.of("old-secret", "new-secret")),
                false,
                16,
                List.of("GET", "POST"));
        int port = start(new RoutePolicy(null, null, null, gates));

        HttpResponse<String> noSecret = Http.get(port, "/notes");
        HttpResponse<String> wrongMethod = Http.send(port, "DELETE", "/notes", null, "X-CDN-Secret", "new-secret");
        HttpResponse<String> tooLarge = Http.send(port, "POST", "/notes", "x".repeat(17), "X-CDN-Secret", "old-secret");

        assertThat(noSecret.statusCode()).isEqualTo(403);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(upstream.received()).isEmpty();

        HttpResponse<String> admitted = Http.send(port, "POST", "/notes", "x".repeat(16), "X-CDN-Secret", "old-secret");
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(upstream.received()).hasSize(1);
        assertThat(agent.stats().routes().get("api").requests().status4xx()).isEqualTo(3);
    }
}
