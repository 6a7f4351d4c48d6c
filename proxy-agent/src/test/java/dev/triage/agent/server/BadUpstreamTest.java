package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.server.BadUpstream.Behaviour;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each bad upstream gives the client a clear 502/504, is counted, and the agent keeps serving. */
class BadUpstreamTest {

    private static final int PER_TRY_TIMEOUT_MS = 500;

    private BadUpstream upstream;
    private AgentServer agent;
    private int port;

    @BeforeEach
    void start() throws Exception {
        upstream = new BadUpstream();
        agent = AgentServer.start(Configs.forwardAll("bad-1", upstream.port(), singleAttempt()));
        port = agent.port(Configs.LISTENER);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        upstream.close();
    }

    private static RoutePolicy singleAttempt() {
        return new RoutePolicy(Configs.retry(1, PER_TRY_TIMEOUT_MS, List.of()), null, null, null);
    }

    @Test
    void resetMidBodyGives502() throws Exception {
        assertBadUpstream(Behaviour.RESET_MID_BODY, 502, "upstream_reset", "RESET");
    }

    @Test
    void garbageStatusLineGives502() throws Exception {
        assertBadUpstream(Behaviour.GARBAGE_STATUS_LINE, 502, "upstream_protocol_error", "PROTOCOL_ERROR");
    }

    @Test
    void oversizedHeadersGive502() throws Exception {
        assertBadUpstream(Behaviour.OVERSIZED_HEADERS, 502, "upstream_protocol_error", "PROTOCOL_ERROR");
    }

    @Test
    void bodyThatNeverEndsGives504AtThePerTryTimeout() throws Exception {
        assertBadUpstream(Behaviour.BODY_NEVER_ENDS, 504, "upstream_timeout", "TIMEOUT");
    }

    @Test
    void refusedConnectionGives504AndIsCounted() throws Exception {
        try (AgentServer refused =
                AgentServer.start(Configs.forwardAll("refused-1", BadUpstream.refusedPort(), singleAttempt()))) {
            int refusedPort = refused.port(Configs.LISTENER);

            HttpResponse<String> response = Http.get(refusedPort, "/x");

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).contains("upstream_unreachable");
            UpstreamCounts counts =
                    refused.stats().targetGroups().get(Configs.GROUP).attempts();
            assertThat(counts.failuresByKind()).containsEntry("CONNECT_FAILURE", 1L);
            assertThat(refused.stats().routes().get("api").requests().status5xx())
                    .isEqualTo(1);
            assertThat(Http.get(refusedPort, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    private void assertBadUpstream(Behaviour behaviour, int status, String code, String kind) throws Exception {
        upstream.behave(behaviour);

        HttpResponse<String> response = Http.get(port, "/bad");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"" + code + "\"");
        UpstreamCounts counts = agent.stats().targetGroups().get(Configs.GROUP).attempts();
        assertThat(counts.attempts()).isEqualTo(1);
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(counts.failuresByKind()).containsExactlyEntriesOf(java.util.Map.of(kind, 1L));
        assertThat(agent.metricsText())
                .contains("triage_upstream_attempts_total{target_group=\"upstream\",outcome=\""
                        + kind.toLowerCase(java.util.Locale.ROOT) + "\"} 1");

        upstream.behave(Behaviour.GOOD);
        HttpResponse<String> next = Http.get(port, "/next");

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("ok");
        assertThat(agent.stats().routes().get("api").requests().status2xx()).isEqualTo(1);
        assertThat(agent.stats().routes().get("api").requests().status5xx()).isEqualTo(1);
    }
}
