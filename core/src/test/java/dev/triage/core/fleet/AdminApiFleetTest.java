package dev.triage.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet.AgentInfo;
import dev.triage.core.port.AgentFleet.Drift;
import dev.triage.core.port.AgentFleet.PushResult;
import dev.triage.core.port.AgentFleet.PushResult.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet over three real agents (and one that is not there), over loopback sockets. */
class AdminApiFleetTest {

    private final LiveAgents live = new LiveAgents();
    private AgentClient client;
    private AdminApiFleet fleet;

    @BeforeEach
    void start() throws IOException {
        live.start("edge", "edge", "v1");
        live.start("node-1", "node", "v1");
        live.start("node-2", "node", "v1");
        client = AgentClient.create(AgentClient.Options.DEFAULTS.withResponseTimeout(Duration.ofSeconds(5)));
        fleet = new AdminApiFleet(List.copyOf(live.agents.values()), client);
    }

    @AfterEach
    void stop() {
        client.close();
        live.close();
    }

    @Test
    void listsEveryAgentWithItsVersionsHashAndTraffic() throws Exception {
        int edgePort = live.servers.get("edge").port("web");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/x" + i))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        awaitRequests("edge", 3);

        List<AgentInfo> agents = fleet.agents();

        assertThat(agents).extracting(AgentInfo::name).containsExactly("edge", "node-1", "node-2");
        AgentInfo edge = agents.getFirst();
        assertThat(edge.reachable()).isTrue();
        assertThat(edge.role()).isEqualTo("edge");
        assertThat(edge.configVersion()).isEqualTo("v1");
        assertThat(edge.configHash())
                .isEqualTo(ConfigCodec.hash(live.servers.get("edge").config()));
        assertThat(edge.agentVersion()).isNotBlank();
        assertThat(edge.drift()).isEqualTo(Drift.NO_DESIRED_CONFIG);
        assertThat(edge.traffic().known()).isTrue();
        assertThat(edge.traffic().requestsPerSecond()).isPositive();
        assertThat(edge.traffic().successRatio()).hasValue(1.0);
        assertThat(agents.get(1).traffic().successRatio()).isEmpty();
    }

    @Test
    void anUnreachableAgentIsListedWithWhy() {
        AdminApiFleet withGhost =
                new AdminApiFleet(List.of(live.agents.get("edge"), LiveAgents.unreachable("ghost")), client);

        List<AgentInfo> agents = withGhost.agents();

        assertThat(agents.get(0).reachable()).isTrue();
        AgentInfo ghost = agents.get(1);
        assertThat(ghost.reachable()).isFalse();
        assertThat(ghost.problem()).contains("ghost");
        assertThat(ghost.configVersion()).isNull();
        assertThat(ghost.drift()).isEqualTo(Drift.NO_DESIRED_CONFIG);
    }

    @Test
    void anUpdateToAllAtOnceChangesEveryAgentsOwnConfigAndClearsTheDrift() {
        fleet.desire("node-2", LiveAgents.config("v0", 1));
        assertThat(fleet.agents())
                .extracting(AgentInfo::drift)
                .containsExactly(Drift.NO_DESIRED_CONFIG, Drift.NO_DESIRED_CONFIG, Drift.DRIFTED);
        GatePolicy gates = new GatePolicy(null, false, 1_024, List.of("GET"));

        List<PushResult> results = fleet.update(
                List.of("edge", "node-1", "node-2"),
                ConfigChanges.both(
                        ConfigChanges.version("v2"),
                        ConfigChanges.routePolicy("api", new RoutePolicy(null, null, null, gates))),
                false);

        assertThat(results).extracting(PushResult::agentName).containsExactly("edge", "node-1", "node-2");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.APPLIED);
            assertThat(r.configVersion()).isEqualTo("v2");
        });
        for (String name : List.of("edge", "node-1", "node-2")) {
            AgentConfig running = live.servers.get(name).config();
            assertThat(running.version()).isEqualTo("v2");
            assertThat(running.listeners()
                            .getFirst()
                            .rules()
                            .getFirst()
                            .policy()
                            .gates())
                    .isEqualTo(gates);
        }
        assertThat(fleet.agents()).allSatisfy(a -> {
            assertThat(a.configVersion()).isEqualTo("v2");
            assertThat(a.drift()).isEqualTo(Drift.IN_SYNC);
        });
    }

    @Test
    void anUpdateThatDoesNotFitAnAgentFailsThereAndStopsARollingPush() {
        List<PushResult> results = fleet.update(
                List.of("edge", "node-1"), ConfigChanges.routePolicy("no-such-rule", RoutePolicy.NONE), true);

        assertThat(results).extracting(PushResult::status).containsExactly(Status.FAILED, Status.SKIPPED);
        assertThat(results.getFirst().failure())
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("no-such-rule");
        assertThat(live.runningVersion("edge")).isEqualTo("v1");
    }

    @Test
    void pushingOneConfigAppliesItAndTheAgentReportsTheNewVersion() {
        AgentConfig v2 = LiveAgents.config("v2", LiveAgents.freePort());

        List<PushResult> results = fleet.push(List.of("node-2"), v2, false);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.APPLIED);
            assertThat(r.configVersion()).isEqualTo("v2");
            assertThat(r.configHash()).isEqualTo(ConfigCodec.hash(v2));
        });
        assertThat(live.runningVersion("node-2")).isEqualTo("v2");
        assertThat(fleet.agents()).extracting(AgentInfo::configVersion).containsExactly("v1", "v1", "v2");
    }

    @Test
    void aRollingPushStopsAtTheFirstAgentThatCannotApplyTheConfig() {
        // One port for everyone: the first agent binds it, the second cannot.
        AgentConfig samePort = LiveAgents.config("v2", LiveAgents.freePort());

        List<PushResult> results = fleet.push(List.of("edge", "node-1", "node-2"), samePort, true);

        assertThat(results)
                .extracting(PushResult::status)
                .containsExactly(Status.APPLIED, Status.FAILED, Status.SKIPPED);
        assertThat(results.get(0).configVersion()).isEqualTo("v2");
        PushResult failed = results.get(1);
        assertThat(failed.failure()).isInstanceOf(CoreException.Invalid.class);
        assertThat(failed.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("$"));
        assertThat(live.runningVersion("edge")).isEqualTo("v2");
        assertThat(live.runningVersion("node-1")).isEqualTo("v1");
        assertThat(live.runningVersion("node-2")).isEqualTo("v1");
        assertThat(fleet.agents())
                .extracting(AgentInfo::drift)
                .containsExactly(Drift.IN_SYNC, Drift.DRIFTED, Drift.DRIFTED);
    }

    @Test
    void aRollingPushStopsAtAnUnreachableAgentAndAllAtOnceGoesOn() {
        List<FleetAgent> agents =
                List.of(live.agents.get("edge"), LiveAgents.unreachable("ghost"), live.agents.get("node-1"));
        AdminApiFleet withGhost = new AdminApiFleet(agents, client);

        List<PushResult> rolling = withGhost.push(
                List.of("edge", "ghost", "node-1"), LiveAgents.config("v2", LiveAgents.freePort()), true);

        assertThat(rolling)
                .extracting(PushResult::status)
                .containsExactly(Status.APPLIED, Status.FAILED, Status.SKIPPED);
        assertThat(rolling.get(1).failure()).isInstanceOf(CoreException.Unavailable.class);
        assertThat(live.runningVersion("node-1")).isEqualTo("v1");

        List<PushResult> all =
                withGhost.push(List.of("ghost", "node-1"), LiveAgents.config("v3", LiveAgents.freePort()), false);

        assertThat(all).extracting(PushResult::status).containsExactly(Status.FAILED, Status.APPLIED);
        assertThat(live.runningVersion("node-1")).isEqualTo("v3");
        assertThat(withGhost.agents())
                .extracting(AgentInfo::drift)
                .containsExactly(Drift.IN_SYNC, Drift.UNKNOWN, Drift.IN_SYNC);
    }

    @Test
    void aConfigChangedSinceItWasReadIsAConflict() {
        var read = fleet.versionedConfig("edge");
        AgentEndpoint edge = live.agents.get("edge").endpoint();
        AgentConfig someoneElse = ConfigChanges.version("someone-else").apply(read.config());
        client.pushConfig(edge, someoneElse, read.etag()).join();

        List<PushResult> results = fleet.push(
                List.of("edge"),
                ConfigChanges.version("mine").apply(read.config()),
                false,
                Map.of("edge", read.etag()));

        assertThat(results.getFirst().status()).isEqualTo(Status.FAILED);
        assertThat(results.getFirst().failure()).isInstanceOf(CoreException.Conflict.class);
        assertThat(live.runningVersion("edge")).isEqualTo("someone-else");
        assertThat(fleet.config("edge").version()).isEqualTo("someone-else");
    }

    @Test
    void validationIsTheAgentsOwn() {
        Listener broken =
                new Listener("web", Listener.HTTP, "127.0.0.1", 70_000, List.of(), Action.forwardTo("nowhere"));
        AgentConfig invalid = new AgentConfig("bad", List.of(broken), List.of(), null, null);

        assertThat(fleet.validate("node-1", invalid))
                .extracting(e -> e.field())
                .contains("listeners[0].port", "listeners[0].defaultAction.forward.targetGroups[0].name");
        assertThat(fleet.validate("node-1", LiveAgents.config("good", 8080))).isEmpty();
        assertThat(live.runningVersion("node-1")).isEqualTo("v1");
    }

    @Test
    void unknownOrRepeatedAgentsAreRefusedBeforeAnyPush() {
        AgentConfig v2 = LiveAgents.config("v2", LiveAgents.freePort());
        assertThatThrownBy(() -> fleet.push(List.of("edge", "nobody"), v2, false))
                .isInstanceOf(CoreException.NotFound.class);
        assertThatThrownBy(() -> fleet.push(List.of("edge", "edge"), v2, false))
                .isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> fleet.config("nobody")).isInstanceOf(CoreException.NotFound.class);
        assertThat(live.runningVersion("edge")).isEqualTo("v1");
    }

    @Test
    void aWrongTokenIsDenied() {
        FleetAgent edge = live.agents.get("edge");
        FleetAgent wrong =
                new FleetAgent("edge", new AgentEndpoint("edge", edge.endpoint().adminUri(), "wrong-token"));
        AdminApiFleet denied = new AdminApiFleet(List.of(wrong), client);

        assertThatThrownBy(() -> denied.config("edge")).isInstanceOf(CoreException.Denied.class);
        assertThat(denied.push(List.of("edge"), LiveAgents.config("v2", 1), true)
                        .getFirst()
                        .failure())
                .isInstanceOf(CoreException.Denied.class);
    }

    /** Waits (at most 5 s) until the agent's stats count the requests it answered. */
    private void awaitRequests(String agent, long requests) throws InterruptedException {
        AgentEndpoint endpoint = live.agents.get(agent).endpoint();
        for (int i = 0; i < 250; i++) {
            if (client.stats(endpoint).join().totals().requests().total() >= requests) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent " + agent + " never counted " + requests + " requests");
    }
}
