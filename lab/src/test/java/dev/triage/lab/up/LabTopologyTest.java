package dev.triage.lab.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.agent.server.AgentServer;
import dev.triage.lab.hosp.FailureProfile;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab over real sockets, with HOSP faults off so each outcome is certain: every part answers, a
 * weight push moves traffic, a busy port is named.
 */
class LabTopologyTest {

    private static final String DOCTOR =
            "Basic " + Base64.getEncoder().encodeToString("dr.alvarez:dr.alvarez-pass".getBytes());

    @Test
    void nodeAgentsBehindTheEdgeNameTheRealClientInTheirAlertsNotTheEdge() throws Exception {
        int base = freePortBase();
        InetAddress attacker = InetAddress.getByName("127.0.0.66");
        BlockingQueue<SecurityEvent> alerts = new LinkedBlockingQueue<>();
        try (LabTopology lab =
                        LabTopology.start(new LabTopology.Options(base + 30, base, 0.01, 7, FailureProfile.none()));
                AgentClient agents = AgentClient.create();
                HttpClient client =
                        HttpClient.newBuilder().localAddress(attacker).build()) {
            List<Subscription> subscriptions = new ArrayList<>();
            for (String node : List.of("node-1", "node-2")) {
                Subscription subscription = agents.events(lab.agent(node).endpoint(), event -> {
                    if (event instanceof AgentEvent.SecurityAlert alert) {
                        alerts.add(alert.event());
                    }
                });
                subscription.opened().get(10, TimeUnit.SECONDS);
                subscriptions.add(subscription);
            }

            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(lab.loadBalancer().resolve("/patients/1/notes"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"not staff\"}"))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(401);
            SecurityEvent alert = alerts.poll(20, TimeUnit.SECONDS);
            assertThat(alert).as("a node agent's security alert").isNotNull();
            assertThat(alert.kind()).isEqualTo(SecurityEvent.Kind.UNAUTHENTICATED_WRITE);
            assertThat(alert.sourceIp()).isEqualTo("127.0.0.66");
            subscriptions.forEach(Subscription::close);
        }
    }

    @Test
    void shiftingTheEdgeTo50Per50ByAConfigPushMovesTrafficToTheReplacement(@TempDir Path dir) throws Exception {
        int base = freePortBase();
        try (LabTopology lab =
                        LabTopology.start(new LabTopology.Options(base + 30, base, 0.01, 7, FailureProfile.none()));
                HttpClient client = HttpClient.newHttpClient()) {
            assertThat(get(client, lab.loadBalancer().resolve("/hospitals/1"))).isEqualTo(200);
            AgentServer edge = lab.agent("edge").server();
            assertThat(groupRequests(edge.stats(), LabTopology.REPLACEMENT)).isZero();

            try (AgentClient agents = AgentClient.create()) {
                AgentEndpoint edgeAdmin = lab.agent("edge").endpoint();
                VersionedConfig current = agents.config(edgeAdmin).get(10, TimeUnit.SECONDS);
                AgentConfig shifted = withWeights(current.config(), 50, 50);
                assertThat(agents.pushConfig(edgeAdmin, shifted, current.etag())
                                .get(10, TimeUnit.SECONDS)
                                .version())
                        .isEqualTo("edge-2");
            }
            assertThat(edge.config().version()).isEqualTo("edge-2");
            long legacyBefore = groupRequests(edge.stats(), LabTopology.LEGACY);
            for (int i = 0; i < 200; i++) {
                assertThat(get(client, lab.loadBalancer().resolve("/hospitals/" + (1 + i % 5))))
                        .isEqualTo(200);
            }
            long toReplacement = groupRequests(edge.stats(), LabTopology.REPLACEMENT);
            long toLegacy = groupRequests(edge.stats(), LabTopology.LEGACY) - legacyBefore;
            assertThat(toReplacement + toLegacy).isEqualTo(200);
            assertThat(toReplacement).isBetween(60L, 140L); // 50/50 over 200 requests, far from 0 or 200

            Path file = dir.resolve("lab.json");
            UpCommand.writeDescription(lab, file);
            JsonNode description = new ObjectMapper().readTree(file.toFile());
            assertThat(description.path("loadBalancer").asText())
                    .isEqualTo(lab.loadBalancer().toString());
            assertThat(description.path("agents")).hasSize(3);
            assertThat(description.path("staff").get(0).path("username").asText())
                    .isEqualTo("dr.alvarez");
        }
    }

    @Test
    void everyAgentsAdminApiWantsItsOwnToken() throws Exception {
        int base = freePortBase();
        try (LabTopology lab =
                        LabTopology.start(new LabTopology.Options(base + 30, base, 0.01, 7, FailureProfile.none()));
                HttpClient client = HttpClient.newHttpClient()) {
            for (LabTopology.LabAgent agent : lab.agents()) {
                URI status = agent.admin().resolve("/admin/status");
                assertThat(adminStatus(client, status, agent.token())).isEqualTo(200);
                assertThat(adminStatus(client, status, "wrong")).isEqualTo(401);
                assertThat(agent.toString()).doesNotContain(agent.token());
            }
            assertThat(lab.agent("edge").token())
                    .isNotEqualTo(lab.agent("node-1").token());
        }
    }

    private static int adminStatus(HttpClient client, URI uri, String token) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void aBusyPortIsNamed() throws Exception {
        int base = freePortBase();
        try (ServerSocket busy = new ServerSocket(base + 1, 1, InetAddress.getByName(LabTopology.HOST))) {
            assertThatThrownBy(() ->
                            LabTopology.start(new LabTopology.Options(base + 30, base, 0.01, 7, FailureProfile.none())))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("port " + (base + 1))
                    .hasMessageContaining("busy");
        }
    }

    private static int get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(
                        HttpRequest.newBuilder(uri)
                                .header("Authorization", DOCTOR)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static long groupRequests(AgentStats stats, String group) {
        var groupStats = stats.targetGroups().get(group);
        return groupStats == null ? 0 : groupStats.requestsReceived();
    }

    private static AgentConfig withWeights(AgentConfig config, int legacy, int replacement) {
        Action split = new Action(
                Action.FORWARD,
                new Action.Forward(
                        List.of(
                                new Action.WeightedTargetGroup(LabTopology.LEGACY, legacy),
                                new Action.WeightedTargetGroup(LabTopology.REPLACEMENT, replacement)),
                        null),
                null,
                null);
        Listener listener = config.listeners().getFirst();
        List<Rule> rules = listener.rules().stream()
                .map(r -> new Rule(r.name(), r.priority(), r.conditions(), split, r.policy()))
                .toList();
        return new AgentConfig(
                "edge-2",
                List.of(new Listener(
                        listener.name(), listener.protocol(), listener.bindAddress(), listener.port(), rules, split)),
                config.targetGroups(),
                config.cache(),
                config.accessLog());
    }

    /** A base with the lab's ports after it free now (the lab binds them right after). */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LabTopology.HOST))) {
                base = probe.getLocalPort();
            }
            if (base > 65_000) {
                continue;
            }
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports found");
    }

    private static boolean allFree(int base) {
        for (int port : List.of(base, base + 1, base + 10, base + 11, base + 20, base + 21, base + 22, base + 30)) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LabTopology.HOST))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
