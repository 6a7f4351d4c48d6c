package dev.triage.agent.client;

import static dev.triage.agent.client.AgentClientTest.failure;
import static dev.triage.agent.client.AgentClientTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the real agent admin server (proxy-agent, test scope only), over loopback sockets. */
class RealAgentAdminTest {

    private static final String TOKEN = "real-agent-token-3b9e";

    private final int listenerPort = freePort();
    private final int upstreamPort = freePort();
    private final AgentConfig v1 = config("v1");
    private final AgentConfig v2 = config("v2");
    private AgentServer agent;
    private AdminServer admin;
    private AgentClient client;
    private AgentEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        agent = AgentServer.start(v1);
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        client = AgentClient.create();
        endpoint = new AgentEndpoint("node-1", URI.create("http://127.0.0.1:" + admin.port()), TOKEN);
    }

    @AfterEach
    void stop() {
        client.close();
        admin.close();
        agent.close();
    }

    @Test
    void everyEndpointWorksAgainstTheRealAgent() throws Exception {
        BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
        try (Subscription subscription = client.events(endpoint, events::add)) {
            get(subscription.opened());

            AgentStatus status = get(client.status(endpoint));
            assertThat(status.configVersion()).isEqualTo("v1");
            assertThat(status.configHash()).isEqualTo(ConfigCodec.hash(v1));
            assertThat(status.listeners())
                    .extracting(AgentStatus.ListenerStatus::port)
                    .containsExactly(listenerPort);

            VersionedConfig running = get(client.config(endpoint));
            assertThat(running).isEqualTo(new VersionedConfig(v1, ConfigCodec.hash(v1)));
            assertThat(get(client.validate(endpoint, v2))).isEqualTo(ValidationResult.VALID);

            ApplyResult applied = get(client.pushConfig(endpoint, v2, running.etag()));
            assertThat(applied).isEqualTo(new ApplyResult("v2", ConfigCodec.hash(v2)));
            assertThat(nextConfigEvent(events)).isEqualTo(new AgentEvent.ConfigApplied("v2", ConfigCodec.hash(v2)));

            Throwable conflict = failure(client.pushConfig(endpoint, v1, running.etag()));
            assertThat(conflict)
                    .isInstanceOfSatisfying(
                            ConfigConflictException.class,
                            e -> assertThat(e.currentHash()).isEqualTo(ConfigCodec.hash(v2)));

            AgentConfig invalid = new AgentConfig("bad", List.of(), List.of(), null, null);
            Throwable rejected = failure(client.pushConfig(endpoint, invalid, applied.hash()));
            assertThat(rejected)
                    .isInstanceOfSatisfying(
                            ConfigRejectedException.class,
                            e -> assertThat(e.errors())
                                    .extracting(ConfigError::field)
                                    .contains("listeners"));

            assertThat(get(client.rollback(endpoint))).isEqualTo(new ApplyResult("v1", ConfigCodec.hash(v1)));
            assertThat(nextConfigEvent(events)).isEqualTo(new AgentEvent.ConfigApplied("v1", ConfigCodec.hash(v1)));
            assertThat(get(client.stats(endpoint)).configVersion()).isEqualTo("v1");
            assertThat(get(client.purgeCache(endpoint, "/patients"))).isZero();
            assertThat(get(client.purgeCache(endpoint, null))).isZero();
        }
    }

    @Test
    void theRealAgentRefusesAWrongTokenOnEveryCall() {
        AgentEndpoint wrong = new AgentEndpoint("node-1", endpoint.adminUri(), "wrong-token");

        assertThat(List.of(
                        failure(client.status(wrong)),
                        failure(client.config(wrong)),
                        failure(client.pushConfig(wrong, v2, ConfigCodec.hash(v1))),
                        failure(client.validate(wrong, v2)),
                        failure(client.rollback(wrong)),
                        failure(client.stats(wrong)),
                        failure(client.purgeCache(wrong, null)),
                        failure(client.events(wrong, event -> {}).opened())))
                .allMatch(AgentUnauthorizedException.class::isInstance);
        assertThat(agent.config()).isEqualTo(v1);
    }

    @Test
    void fleetPushReachesTheRealAgentAndReportsTheDeadOne() throws Exception {
        AgentEndpoint dead = new AgentEndpoint("node-2", URI.create("http://127.0.0.1:" + freePort()), TOKEN);

        List<PushOutcome> outcomes = get(FleetPush.pushToAll(client, List.of(endpoint, dead), v2));

        assertThat(outcomes.get(0))
                .isEqualTo(new PushOutcome.Applied("node-1", new ApplyResult("v2", ConfigCodec.hash(v2))));
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        PushOutcome.Failed.class,
                        failed -> assertThat(failed.error()).isInstanceOf(AgentUnreachableException.class));
        assertThat(agent.config()).isEqualTo(v2);
    }

    private static AgentEvent nextConfigEvent(BlockingQueue<AgentEvent> events) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            AgentEvent event = events.poll(10, TimeUnit.SECONDS);
            if (event == null || event instanceof AgentEvent.ConfigApplied) {
                return event;
            }
        }
        throw new AssertionError("no config event among 100 events");
    }

    private AgentConfig config(String version) {
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                Action.forwardTo("upstream"),
                RoutePolicy.NONE);
        Listener listener = new Listener(
                "main", "HTTP", "127.0.0.1", listenerPort, List.of(api), Action.fixed(404, "text/plain", "no route"));
        TargetGroup group = new TargetGroup(
                "upstream", List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), 1_000, 0, 0, null);
        return new AgentConfig(version, List.of(listener), List.of(group), null, null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
