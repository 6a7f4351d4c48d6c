package dev.triage.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.stats.AgentStats;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AdminFixture fixture;
    private static AgentConfig config;
    private static int upstreamPort;

    @BeforeAll
    static void start() throws Exception {
        upstreamPort = AdminFixture.refusedPort();
        config = AdminConfigs.forward("endpoints-1", upstreamPort);
        fixture = AdminFixture.start(config);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void statusDescribesTheAgentItsConfigListenersAndTargets() throws Exception {
        HttpResponse<String> response = fixture.send("GET", "/admin/status", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.get("agentVersion").asText()).isNotEmpty();
        assertThat(status.get("uptimeMs").asLong()).isNotNegative();
        assertThat(status.get("configVersion").asText()).isEqualTo("endpoints-1");
        assertThat(status.get("configHash").asText()).isEqualTo(ConfigCodec.hash(config));
        JsonNode listener = status.get("listeners").get(0);
        assertThat(listener.get("name").asText()).isEqualTo("main");
        assertThat(listener.get("protocol").asText()).isEqualTo("HTTP");
        assertThat(listener.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(listener.get("port").asInt()).isEqualTo(fixture.agent.port("main"));
        JsonNode group = status.get("targetGroups").get(0);
        assertThat(group.get("name").asText()).isEqualTo("upstream");
        assertThat(group.get("failing").isBoolean()).isTrue();
        assertThat(group.get("targets").get(0).get("target").asText()).isEqualTo("127.0.0.1:" + upstreamPort);
        assertThat(group.get("targets").get(0).get("healthy").isBoolean()).isTrue();
    }

    @Test
    void statsIsTheAgentStatsRecordAsJson() throws Exception {
        HttpResponse<String> response = fixture.send("GET", "/admin/stats", null);

        assertThat(response.statusCode()).isEqualTo(200);
        AgentStats stats = JSON.readValue(response.body(), AgentStats.class);
        assertThat(stats.configVersion()).isEqualTo("endpoints-1");
        assertThat(stats.targetGroups()).containsKey("upstream");
        assertThat(stats.totals()).isNotNull();
    }

    @Test
    void purgeAnswersHowManyEntriesWentAndRefusesABodyThatIsNotAnObject() throws Exception {
        assertThat(fixture.send("POST", "/admin/cache/purge", "{}").body()).isEqualTo("{\"purged\":0}");
        assertThat(fixture.send("POST", "/admin/cache/purge", "{\"pathPrefix\":\"/patients\"}")
                        .body())
                .isEqualTo("{\"purged\":0}");
        assertThat(fixture.send("POST", "/admin/cache/purge", null).statusCode())
                .isEqualTo(200);
        assertThat(fixture.send("POST", "/admin/cache/purge", "[1]").statusCode())
                .isEqualTo(400);
        assertThat(fixture.send("POST", "/admin/cache/purge", "{\"pathPrefix\":3}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(fixture.send("POST", "/admin/cache/purge", "{\"prefix\":\"/x\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> response = fixture.send("GET", "/admin/nope", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> config = fixture.send("DELETE", "/admin/config", null);
        HttpResponse<String> status = fixture.send("POST", "/admin/status", "{}");

        assertThat(config.statusCode()).isEqualTo(405);
        assertThat(config.headers().firstValue("Allow")).contains("GET, PUT");
        assertThat(status.statusCode()).isEqualTo(405);
        assertThat(status.headers().firstValue("Allow")).contains("GET");
        assertThat(fixture.agent.configVersion()).isEqualTo("endpoints-1");
    }
}
