package dev.triage.agent.client;

import static dev.triage.agent.client.AgentClientTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetPushTest {

    private final AgentConfig initial = FakeAgent.exampleConfig();
    private final AgentConfig next = FakeAgent.withVersion(initial, "hosp-default-2");
    private final FakeAgent first = new FakeAgent(initial, AgentClientTest.STATS);
    private final FakeAgent second = new FakeAgent(initial, AgentClientTest.STATS);
    private final FakeAgent third = new FakeAgent(initial, AgentClientTest.STATS);
    private final AgentClient client = AgentClient.create();

    @AfterEach
    void stop() {
        client.close();
        first.close();
        second.close();
        third.close();
    }

    @Test
    void pushesToEveryAgentConcurrentlyAndReportsEachOutcome() throws Exception {
        // Each live agent holds its PUT until both have arrived: sequential pushes would never get there.
        CountDownLatch bothArrived = new CountDownLatch(2);
        FakeAgent.PutGate gate = () -> {
            bothArrived.countDown();
            if (!bothArrived.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other PUT never arrived: pushes are not concurrent");
            }
        };
        first.holdPuts(gate);
        third.holdPuts(gate);
        AgentEndpoint down =
                new AgentEndpoint("node-2", URI.create("http://127.0.0.1:" + closedPort()), FakeAgent.TOKEN);

        List<PushOutcome> outcomes = get(
                FleetPush.pushToAll(client, List.of(first.endpoint("node-1"), down, third.endpoint("node-3")), next));

        ApplyResult applied = new ApplyResult("hosp-default-2", ConfigCodec.hash(next));
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEqualTo(new PushOutcome.Applied("node-1", applied));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(PushOutcome.Failed.class, failed -> {
            assertThat(failed.agent()).isEqualTo("node-2");
            assertThat(failed.error()).isInstanceOf(AgentUnreachableException.class);
        });
        assertThat(outcomes.get(2)).isEqualTo(new PushOutcome.Applied("node-3", applied));
        assertThat(first.current()).isEqualTo(next);
        assertThat(third.current()).isEqualTo(next);
    }

    @Test
    void aRejectedConfigIsReportedPerAgentWithItsErrors() throws Exception {
        AgentConfig invalid = new AgentConfig("v", List.of(), List.of(), null, null);

        List<PushOutcome> outcomes =
                get(FleetPush.pushToAll(client, List.of(first.endpoint("node-1"), second.endpoint("node-2")), invalid));

        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                PushOutcome.Failed.class,
                                failed -> assertThat(failed.error())
                                        .isInstanceOfSatisfying(
                                                ConfigRejectedException.class,
                                                rejected -> assertThat(rejected.errors())
                                                        .hasSize(1))));
        assertThat(first.current()).isEqualTo(initial);
    }

    @Test
    void rollingPushStopsAtTheFirstFailureAndLeavesTheRestUntouched() throws Exception {
        AgentEndpoint wrongToken = new AgentEndpoint("node-2", second.uri(), "wrong-token");

        List<PushOutcome> outcomes = get(FleetPush.pushRolling(
                client, List.of(first.endpoint("node-1"), wrongToken, third.endpoint("node-3")), next));

        assertThat(outcomes.get(0)).isInstanceOf(PushOutcome.Applied.class);
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        PushOutcome.Failed.class,
                        failed -> assertThat(failed.error()).isInstanceOf(AgentUnauthorizedException.class));
        assertThat(outcomes.get(2)).isEqualTo(new PushOutcome.Skipped("node-3"));
        assertThat(first.current()).isEqualTo(next);
        assertThat(third.current()).isEqualTo(initial);
        assertThat(third.puts()).isZero();
    }

    @Test
    void rollingPushAppliesEverywhereWhenNothingFails() throws Exception {
        List<PushOutcome> outcomes = get(FleetPush.pushRolling(
                client, List.of(first.endpoint("node-1"), second.endpoint("node-2"), third.endpoint("node-3")), next));

        assertThat(outcomes).extracting(PushOutcome::agent).containsExactly("node-1", "node-2", "node-3");
        assertThat(outcomes).allMatch(PushOutcome.Applied.class::isInstance);
        assertThat(List.of(first.current(), second.current(), third.current())).containsOnly(next);
    }

    @Test
    void theSameAgentTwiceIsRefused() {
        assertThatThrownBy(() -> FleetPush.pushToAll(client, List.of(first.endpoint("a"), first.endpoint("b")), next))
                .hasMessageContaining("twice (expected: each agent once)");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
