package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.fleet.AdminApiFleet;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.RotationState.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent half of a rotation over two real agents: their gates answer by the values each stage sets. */
class CdnSecretRotationLiveAgentsTest {

    private static final String HEADER = "X-Cdn-Secret";
    private static final String OLD = "old-Secret-4c1e90";
    private static final String NEW = "new-Secret-b7d233";
    private static final String TOKEN = "rotation-test-token-9d41";

    @TempDir
    Path dir;

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final List<Integer> trafficPorts = new ArrayList<>();
    private final List<FleetAgent> agents = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AgentClient client;
    private InMemoryLoadBalancers lbs;

    @BeforeEach
    void start() throws IOException {
        for (String name : List.of("edge-a", "edge-b")) {
            int port = freePort();
            AgentServer server = AgentServer.start(gated(port));
            parts.add(server);
            AdminServer admin = AdminServer.start(
                    server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
            parts.add(admin);
            agents.add(new FleetAgent(
                    "edge", new AgentEndpoint(name, URI.create("http://127.0.0.1:" + admin.port()), TOKEN)));
            trafficPorts.add(port);
        }
        client = AgentClient.create(AgentClient.Options.DEFAULTS.withResponseTimeout(Duration.ofSeconds(5)));
        lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
        lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/notes*")), List.of(Samples.split(100, 0)));
    }

    @AfterEach
    void stop() {
        client.close();
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void agentsAcceptBothValuesDuringTheOverlapAndOnlyTheNewOneAfterRetiring() throws Exception {
        AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
        ChangePlanner planner = new ChangePlanner(lbs);
        ChangeApplier applier = new ChangeApplier(lbs, journal);
        applier.apply(planner.requireHeader(HTTP_LISTENER, HEADER, List.of(OLD)), "ops", "require");
        CdnSecretRotation rotation = new CdnSecretRotation(
                lbs, planner, applier, new AdminApiFleet(agents, client), journal, Clock.systemUTC());
        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a", "edge-b"), OLD, NEW);
        assertThat(statuses(OLD)).containsOnly(200);
        assertThat(statuses(NEW)).containsOnly(403);

        RotationState overlap = rotation.overlap(OLD, NEW, "ops");

        assertThat(overlap.complete()).as(overlap.summary()).isTrue();
        assertThat(statuses(OLD)).containsOnly(200);
        assertThat(statuses(NEW)).containsOnly(200);
        assertThat(statuses(null)).containsOnly(403);

        rotation.confirmCdnSwitched();
        RotationState retired = rotation.retire(NEW, "ops");

        assertThat(retired.stage()).isEqualTo(Stage.RETIRED);
        assertThat(retired.complete()).as(retired.summary()).isTrue();
        assertThat(statuses(OLD)).containsOnly(403);
        assertThat(statuses(NEW)).containsOnly(200);
    }

    /** The status each agent answers a note post with {@code value} in the header (none when null). */
    private List<Integer> statuses(String value) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int port : trafficPorts) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notes"))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("note"));
            if (value != null) {
                request.header(HEADER, value);
            }
            out.add(http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }
        return out;
    }

    private static AgentConfig gated(int port) {
        Rule notes = new Rule(
                "notes",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/notes*"), null)),
                Action.fixed(200, "text/plain", "stored"),
                new RoutePolicy(
                        null,
                        null,
                        null,
                        new GatePolicy(new GatePolicy.RequiredHeader(HEADER, List.of(OLD)), false, 0, null)));
        Listener edge = new Listener(
                "edge", Listener.HTTP, "127.0.0.1", port, List.of(notes), Action.fixed(200, "text/plain", "ok"));
        return new AgentConfig("rotation-v1", List.of(edge), List.of(), null, null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
