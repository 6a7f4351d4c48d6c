package dev.triage.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.state.ConfigStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void getConfigReturnsTheRunningConfigWithItsHashAsETag() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            HttpResponse<String> response = fixture.send("GET", "/admin/config", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("ETag")).contains("\"" + ConfigCodec.hash(v1) + "\"");
            assertThat(ConfigCodec.read(response.body())).isEqualTo(v1);
        }
    }

    @Test
    void putWithTheRunningHashAppliesPersistsAndReportsTheVersion() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig v1 = AdminConfigs.forward("v1", upstream);
        AgentConfig v2 = AdminConfigs.forward("v2", upstream);
        try (AdminFixture fixture = new AdminFixture(v1, ConfigStore.open(stateDir))) {
            HttpResponse<String> response = fixture.put(v2, ConfigCodec.hash(v1));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("applied").asBoolean()).isTrue();
            assertThat(body.get("version").asText()).isEqualTo("v2");
            assertThat(body.get("hash").asText()).isEqualTo(ConfigCodec.hash(v2));
            assertThat(fixture.agent.configVersion()).isEqualTo("v2");
            ConfigStore store = ConfigStore.open(stateDir);
            assertThat(store.current()).contains(v2);
            assertThat(store.previous()).contains(v1);
            assertThat(fixture.send("GET", "/admin/config", null).headers().firstValue("ETag"))
                    .contains("\"" + ConfigCodec.hash(v2) + "\"");
        }
    }

    @Test
    void putWithoutIfMatchIs428AndChangesNothing() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            HttpResponse<String> response =
                    fixture.send("PUT", "/admin/config", ConfigCodec.write(AdminConfigs.forward("v2", 1)));

            assertThat(response.statusCode()).isEqualTo(428);
            assertThat(response.body()).isEqualTo("{\"error\":\"precondition required\"}");
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
        }
    }

    @Test
    void putWithAStaleIfMatchIs409WithTheCurrentHash() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            HttpResponse<String> response = fixture.put(AdminConfigs.forward("v2", 1), "0".repeat(64));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(json(response).get("error").asText()).isEqualTo("conflict");
            assertThat(json(response).get("currentHash").asText()).isEqualTo(ConfigCodec.hash(v1));
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
        }
    }

    @Test
    void anInvalidPutIs400WithEveryErrorAndChangesNothing() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        try (AdminFixture fixture = new AdminFixture(v1, ConfigStore.open(stateDir))) {
            HttpResponse<String> response = fixture.send(
                    "PUT", "/admin/config", AdminConfigs.INVALID, "If-Match", "\"" + ConfigCodec.hash(v1) + "\"");

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode body = json(response);
            assertThat(body.get("error").asText()).isEqualTo("invalid");
            List<String> values = new ArrayList<>();
            for (JsonNode error : body.get("errors")) {
                assertThat(error.get("field").asText()).isNotEmpty();
                assertThat(error.get("expected").asText()).isNotEmpty();
                values.add(error.get("value").asText());
            }
            assertThat(values).hasSizeGreaterThanOrEqualTo(2).contains("70000", "1200");
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
            assertThat(ConfigStore.open(stateDir).current()).contains(v1);
            assertThat(ConfigStore.open(stateDir).previous()).isEmpty();
        }
    }

    @Test
    void malformedJsonIs400() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            HttpResponse<String> response = fixture.send(
                    "PUT", "/admin/config", "{\"version\": ", "If-Match", "\"" + ConfigCodec.hash(v1) + "\"");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("errors")).isNotEmpty();
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
        }
    }

    @Test
    void ofTwoConcurrentPutsWithTheSameIfMatchExactlyOneWins() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig v1 = AdminConfigs.forward("v1", upstream);
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            for (int round = 0; round < 5; round++) {
                String ifMatch = fixture.runningHash();
                AgentConfig a = AdminConfigs.forward("a-" + round, upstream);
                AgentConfig b = AdminConfigs.forward("b-" + round, upstream);
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<HttpResponse<String>> first = pushAfter(go, fixture, a, ifMatch);
                CompletableFuture<HttpResponse<String>> second = pushAfter(go, fixture, b, ifMatch);
                go.countDown();

                List<Integer> statuses = List.of(
                        first.get(30, TimeUnit.SECONDS).statusCode(),
                        second.get(30, TimeUnit.SECONDS).statusCode());

                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
                String winner = statuses.get(0) == 200 ? a.version() : b.version();
                assertThat(fixture.agent.configVersion()).isEqualTo(winner);
                HttpResponse<String> loser = statuses.get(0) == 200 ? second.get() : first.get();
                assertThat(json(loser).get("currentHash").asText()).isEqualTo(fixture.runningHash());
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> pushAfter(
            CountDownLatch go, AdminFixture fixture, AgentConfig config, String ifMatch) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await(10, TimeUnit.SECONDS);
                return fixture.put(config, ifMatch);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void validateIsADryRun() throws Exception {
        AgentConfig v1 = AdminConfigs.forward("v1", AdminFixture.refusedPort());
        AgentConfig v2 = AdminConfigs.forward("v2", 1);
        try (AdminFixture fixture = AdminFixture.start(v1)) {
            HttpResponse<String> valid = fixture.send("POST", "/admin/config/validate", ConfigCodec.write(v2));
            HttpResponse<String> invalid = fixture.send("POST", "/admin/config/validate", AdminConfigs.INVALID);

            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(valid.body())
                    .isEqualTo("{\"valid\":true,\"version\":\"v2\",\"hash\":\"" + ConfigCodec.hash(v2) + "\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(json(invalid).get("errors").size()).isGreaterThanOrEqualTo(2);
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
        }
    }

    @Test
    void rollbackSwapsBackToThePreviousConfigAndAgain() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig v1 = AdminConfigs.forward("v1", upstream);
        AgentConfig v2 = AdminConfigs.forward("v2", upstream);
        try (AdminFixture fixture = new AdminFixture(v1, ConfigStore.open(stateDir))) {
            HttpResponse<String> none = fixture.send("POST", "/admin/config/rollback", null);
            assertThat(none.statusCode()).isEqualTo(409);
            assertThat(none.body()).isEqualTo("{\"error\":\"no previous config\"}");

            assertThat(fixture.put(v2, ConfigCodec.hash(v1)).statusCode()).isEqualTo(200);
            HttpResponse<String> back = fixture.send("POST", "/admin/config/rollback", null);

            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body())
                    .isEqualTo("{\"applied\":true,\"version\":\"v1\",\"hash\":\"" + ConfigCodec.hash(v1) + "\"}");
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
            assertThat(ConfigStore.open(stateDir).current()).contains(v1);
            assertThat(ConfigStore.open(stateDir).previous()).contains(v2);

            assertThat(fixture.send("POST", "/admin/config/rollback", null).statusCode())
                    .isEqualTo(200);
            assertThat(fixture.agent.configVersion()).isEqualTo("v2");
        }
    }

    @Test
    void aConfigThatCannotBindIsRefusedAndChangesNothing() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig v1 = AdminConfigs.forward("v1", upstream);
        try (AdminFixture fixture = new AdminFixture(v1, ConfigStore.open(stateDir));
                java.net.ServerSocket taken =
                        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AgentConfig base = AdminConfigs.forward("v2", upstream);
            var listener = base.listeners().getFirst();
            AgentConfig clashing = new AgentConfig(
                    "v2",
                    List.of(new dev.triage.agent.api.config.Listener(
                            listener.name(),
                            listener.protocol(),
                            "127.0.0.1",
                            taken.getLocalPort(),
                            listener.rules(),
                            listener.defaultAction())),
                    base.targetGroups(),
                    null,
                    null);

            HttpResponse<String> response = fixture.put(clashing, ConfigCodec.hash(v1));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("errors").get(0).get("expected").asText())
                    .isEqualTo("a config this agent can apply");
            assertThat(fixture.agent.configVersion()).isEqualTo("v1");
            assertThat(ConfigStore.open(stateDir).current()).contains(v1);
        }
    }
}
