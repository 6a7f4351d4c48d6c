package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.stats.AgentStats;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PassThroughTest {

    private UpstreamFixture upstream;
    private AgentServer agent;
    private int port;

    @BeforeEach
    void start() throws Exception {
        upstream = new UpstreamFixture();
        agent = AgentServer.start(Configs.forwardAll("pass-1", upstream.port(), RoutePolicy.NONE));
        port = agent.port(Configs.LISTENER);
    }

    @AfterEach
    void stop() {
        agent.close();
        upstream.close();
    }

    @Test
    void forwardsGetWithQueryAndHeadersAndReturnsTheUpstreamAnswer() throws Exception {
        HttpResponse<String> response = Http.get(port, "/patients/7?full=1&x=%20y", "X-Custom", "abc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("echo GET /patients/7?full=1&x=%20y ");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(upstream.received()).singleElement().satisfies(received -> {
            assertThat(received.header("X-Custom")).isEqualTo("abc");
            assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
            assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
            assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + port);
        });
    }

    @Test
    void forwardsPostBodyAndContentType() throws Exception {
        String json = "{\"text\":\"" + "x".repeat(100_000) + "\"}";

        HttpResponse<String> response =
                Http.send(port, "POST", "/patients/7/notes", json, "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("echo POST /patients/7/notes " + json);
        assertThat(upstream.received()).singleElement().satisfies(received -> {
            assertThat(received.header("Content-Type")).isEqualTo("application/json");
            assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(json.length()));
        });
    }

    @Test
    void stripsHopByHopFieldsBothWays() throws Exception {
        String response = Http.raw(
                port,
                "GET /hop HTTP/1.1\r\nHost: agent\r\nConnection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\n"
                        + "Keep-Alive: timeout=5\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\nTE: trailers\r\n"
                        + "Upgrade: websocket\r\nX-Kept: yes\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).doesNotContainIgnoringCase("keep-alive: timeout");
        assertThat(upstream.received()).singleElement().satisfies(received -> {
            assertThat(received.header("X-Kept")).isEqualTo("yes");
            assertThat(received.header("X-Secret-Hop")).isNull();
            assertThat(received.header("Keep-Alive")).isNull();
            assertThat(received.header("Proxy-Authorization")).isNull();
            assertThat(received.header("TE")).isNull();
            assertThat(received.header("Upgrade")).isNull();
        });
    }

    @Test
    void passesTheClientsRequestIdThrough() throws Exception {
        HttpResponse<String> response = Http.get(port, "/a", "X-Request-Id", "client-id-1");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-id-1");
        assertThat(upstream.received().getFirst().header("X-Request-Id")).isEqualTo("client-id-1");
    }

    @Test
    void generatesARequestIdWhenAbsent() throws Exception {
        HttpResponse<String> first = Http.get(port, "/a");
        HttpResponse<String> second = Http.get(port, "/a");

        String id = upstream.received().getFirst().header("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(first.headers().firstValue("X-Request-Id")).hasValue(id);
        assertThat(second.headers().firstValue("X-Request-Id"))
                .isNotEqualTo(first.headers().firstValue("X-Request-Id"));
    }

    @Test
    void keepsClientConnectionsAlive() throws Exception {
        String response = Http.raw(
                port,
                "GET /one HTTP/1.1\r\nHost: agent\r\n\r\nGET /two HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n\r\n");

        assertThat(response).contains("echo GET /one").contains("echo GET /two");
    }

    @Test
    void answersHealthzWithTheConfigVersion() throws Exception {
        HttpResponse<String> response = Http.get(port, "/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"configVersion\":\"pass-1\"}");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void servesPrometheusTextWithTheCounters() throws Exception {
        Http.get(port, "/a");
        Http.get(port, "/b");

        HttpResponse<String> metrics = Http.get(port, "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("triage_requests_total{route=\"api\",code_class=\"2xx\"} 2")
                .contains("triage_upstream_attempts_total{target_group=\"upstream\",outcome=\"response\"} 2")
                .contains("triage_retries_total{route=\"api\"} 0")
                .contains("triage_cache_total{route=\"api\",result=\"hit\"} 0")
                .contains("triage_request_duration_seconds_count{route=\"api\"} 2")
                .contains("triage_request_duration_seconds{route=\"api\",quantile=\"0.99\"}")
                .contains("triage_config_info{version=\"pass-1\"} 1");
    }

    @Test
    void countsRequestsPerRouteAndTargetGroup() throws Exception {
        Http.get(port, "/a");
        Http.send(port, "POST", "/b", "x");

        AgentStats stats = agent.stats();

        assertThat(stats.configVersion()).isEqualTo("pass-1");
        assertThat(stats.routes().get("api").requests().status2xx()).isEqualTo(2);
        assertThat(stats.totals().requests().total()).isEqualTo(2);
        assertThat(stats.targetGroups().get("upstream").requestsReceived()).isEqualTo(2);
        assertThat(stats.targetGroups().get("upstream").attempts().attempts()).isEqualTo(2);
        assertThat(stats.targetGroups().get("upstream").targets())
                .singleElement()
                .satisfies(target -> assertThat(target.healthy()).isTrue());
        assertThat(stats.routes().get("api").latency().sinceStart().count()).isEqualTo(2);
    }

    @Test
    void answersAMalformedRequestWith400AndKeepsServing() throws Exception {
        String response = Http.raw(port, "THIS IS NOT HTTP\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(Http.get(port, "/after").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABodyOverTheAgentBoundWith413() throws Exception {
        String big = "x".repeat((int) RouteTable.DEFAULT_MAX_BODY_BYTES + 1);

        HttpResponse<String> response = Http.send(port, "POST", "/big", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(upstream.received()).isEmpty();
        assertThat(Http.get(port, "/after").statusCode()).isEqualTo(200);
    }
}
