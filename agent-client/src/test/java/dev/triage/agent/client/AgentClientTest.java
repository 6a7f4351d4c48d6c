package dev.triage.agent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.client.AgentUnreachableException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentClientTest {

    static final AgentStats STATS = new AgentStats(
            "hosp-default-1",
            5000,
            new RouteStats(
                    "totals",
                    new RequestCounts(10, 8, 0, 1, 1),
                    new UpstreamCounts(12, 2, 1, Map.of("RESET", 1L)),
                    new PolicyCounts(2, 0, 0, 0, 3, 4, 0),
                    new LatencyStats(
                            new Percentiles(10, 12.5, 10, 20, 30, 31),
                            Percentiles.EMPTY,
                            Percentiles.EMPTY,
                            Percentiles.EMPTY)),
            Map.of(),
            Map.of(
                    "hosp",
                    new TargetGroupStats(
                            "hosp",
                            10,
                            UpstreamCounts.ZERO,
                            LatencyStats.EMPTY,
                            false,
                            List.of(new TargetStats("127.0.0.1:9000", true, 0)))),
            0);

    private final AgentConfig initial = FakeAgent.exampleConfig();
    private final FakeAgent agent = new FakeAgent(initial, STATS);
    private final AgentClient client = AgentClient.create();
    private final AgentEndpoint endpoint = agent.endpoint("node-1");

    @AfterEach
    void stop() {
        client.close();
        agent.close();
    }

    @Test
    void statusReportsVersionListenersAndTargetHealth() throws Exception {
        AgentStatus status = get(client.status(endpoint));

        assertThat(status.agentVersion()).isEqualTo("0.1.0-test");
        assertThat(status.configVersion()).isEqualTo(initial.version());
        assertThat(status.configHash()).isEqualTo(ConfigCodec.hash(initial));
        assertThat(status.listeners())
                .extracting(AgentStatus.ListenerStatus::port)
                .containsExactly(8080);
        assertThat(status.targetGroups()).isNotEmpty();
        assertThat(status.targetGroups().getFirst().targets()).allMatch(AgentStatus.TargetHealth::healthy);
    }

    @Test
    void configCarriesTheRunningConfigAndItsHashAsEtag() throws Exception {
        VersionedConfig running = get(client.config(endpoint));

        assertThat(running.config()).isEqualTo(initial);
        assertThat(running.etag()).isEqualTo(ConfigCodec.hash(initial));
    }

    @Test
    void pushWithTheCurrentEtagAppliesTheConfig() throws Exception {
        AgentConfig next = FakeAgent.withVersion(initial, "hosp-default-2");
        String etag = get(client.config(endpoint)).etag();

        ApplyResult applied = get(client.pushConfig(endpoint, next, etag));

        assertThat(applied).isEqualTo(new ApplyResult("hosp-default-2", ConfigCodec.hash(next)));
        assertThat(agent.current()).isEqualTo(next);
    }

    @Test
    void pushWithAStaleEtagFailsWithConflictCarryingTheRunningHash() throws Exception {
        String stale = get(client.config(endpoint)).etag();
        AgentConfig first = FakeAgent.withVersion(initial, "first");
        get(client.pushConfig(endpoint, first, stale));

        Throwable failure = failure(client.pushConfig(endpoint, FakeAgent.withVersion(initial, "second"), stale));

        assertThat(failure).isInstanceOf(ConfigConflictException.class);
        assertThat(((ConfigConflictException) failure).currentHash()).isEqualTo(ConfigCodec.hash(first));
        assertThat(failure.getMessage()).startsWith("agent node-1 at " + endpoint.address() + ": ");
        assertThat(agent.current()).isEqualTo(first);
    }

    @Test
    void pushOfAnInvalidConfigFailsWithEveryErrorAndChangesNothing() throws Exception {
        AgentConfig invalid = new AgentConfig(" ", List.of(), List.of(), null, null);
        String etag = get(client.config(endpoint)).etag();

        Throwable failure = failure(client.pushConfig(endpoint, invalid, etag));

        assertThat(failure).isInstanceOf(ConfigRejectedException.class);
        List<ConfigError> errors = ((ConfigRejectedException) failure).errors();
        assertThat(errors).extracting(ConfigError::field).containsExactly("version", "listeners");
        assertThat(failure.getMessage())
                .contains("2 problems")
                .contains("listeners: [] (expected: at least one listener)");
        assertThat(agent.current()).isEqualTo(initial);
    }

    @Test
    void aConfigAboveTheAgentsBodyLimitIsRejected() throws Exception {
        agent.limitBodies(100);

        Throwable failure = failure(client.pushConfig(endpoint, initial, ConfigCodec.hash(initial)));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        ConfigRejectedException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.expected()).isEqualTo("at most 100 bytes")));
        assertThat(agent.current()).isEqualTo(initial);
    }

    @Test
    void aPushTheAgentCouldNotPersistSaysItKeptItsConfig() {
        agent.failPersistence("state: disk full");

        Throwable failure =
                failure(client.pushConfig(endpoint, FakeAgent.withVersion(initial, "v2"), ConfigCodec.hash(initial)));

        assertThat(failure)
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageEndingWith(
                        "the agent could not persist the config and kept the one it had (state: disk full)");
        assertThat(agent.current()).isEqualTo(initial);
    }

    @Test
    void validateReportsBothVerdictsWithoutApplyingAnything() throws Exception {
        ValidationResult valid = get(client.validate(endpoint, FakeAgent.withVersion(initial, "candidate")));
        ValidationResult invalid =
                get(client.validate(endpoint, new AgentConfig("v", List.of(), List.of(), null, null)));

        assertThat(valid).isEqualTo(ValidationResult.VALID);
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.errors()).extracting(ConfigError::field).containsExactly("listeners");
        assertThat(agent.current()).isEqualTo(initial);
        assertThat(agent.puts()).isZero();
    }

    @Test
    void rollbackReturnsToThePreviousConfig() throws Exception {
        AgentConfig next = FakeAgent.withVersion(initial, "hosp-default-2");
        get(client.pushConfig(endpoint, next, get(client.config(endpoint)).etag()));

        ApplyResult rolledBack = get(client.rollback(endpoint));

        assertThat(rolledBack).isEqualTo(new ApplyResult(initial.version(), ConfigCodec.hash(initial)));
        assertThat(agent.current()).isEqualTo(initial);
    }

    @Test
    void rollbackWithoutAPreviousConfigFailsWithNoPreviousConfig() {
        assertThat(failure(client.rollback(endpoint)))
                .isInstanceOf(NoPreviousConfigException.class)
                .hasMessage("agent node-1 at " + endpoint.address() + ": no previous config to roll back to");
    }

    @Test
    void statsReadBackAsTheAgentReportedThem() throws Exception {
        assertThat(get(client.stats(endpoint))).isEqualTo(STATS);
    }

    @Test
    void purgeCacheByPrefixThenEverything() throws Exception {
        assertThat(get(client.purgeCache(endpoint, "/patients"))).isEqualTo(2L);
        assertThat(get(client.purgeCache(endpoint, "/patients"))).isZero();
        assertThat(get(client.purgeCache(endpoint, null))).isEqualTo(1L);
    }

    @Test
    void everyCallWithAWrongTokenFailsAsUnauthorised() {
        AgentEndpoint wrong = new AgentEndpoint("node-1", agent.uri(), "not-the-token");
        List<Function<AgentEndpoint, CompletableFuture<?>>> calls = List.of(
                client::status,
                client::config,
                e -> client.pushConfig(e, initial, ConfigCodec.hash(initial)),
                e -> client.validate(e, initial),
                client::rollback,
                client::stats,
                e -> client.purgeCache(e, null),
                e -> client.events(e, event -> {}).opened());

        for (Function<AgentEndpoint, CompletableFuture<?>> call : calls) {
            assertThat(failure(call.apply(wrong)))
                    .isInstanceOf(AgentUnauthorizedException.class)
                    .hasMessageStartingWith("agent node-1 at " + wrong.address() + ": the agent refused the token");
        }
        assertThat(agent.current()).isEqualTo(initial);
    }

    @Test
    void aClosedPortFailsAsUnreachableNamingHostAndPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AgentEndpoint gone = new AgentEndpoint("node-9", URI.create("http://127.0.0.1:" + port), FakeAgent.TOKEN);

        Throwable failure = failure(client.status(gone));

        assertThat(failure).isInstanceOf(AgentUnreachableException.class);
        assertThat(((AgentUnreachableException) failure).reason()).isEqualTo(Reason.REFUSED);
        assertThat(failure.getMessage()).startsWith("agent node-9 at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void anAgentThatDoesNotAnswerFailsAsResponseTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agent.holdStatus(() -> await(release));
        try (AgentClient impatient =
                AgentClient.create(AgentClient.Options.DEFAULTS.withResponseTimeout(Duration.ofMillis(300)))) {
            Throwable failure = failure(impatient.status(endpoint));

            assertThat(failure).isInstanceOf(AgentUnreachableException.class);
            assertThat(((AgentUnreachableException) failure).reason()).isEqualTo(Reason.RESPONSE_TIMEOUT);
            assertThat(failure.getMessage()).endsWith(": no answer within 300 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingTheClientFailsCallsUnderWayInsteadOfLeavingThemHanging() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        agent.holdStatus(() -> {
            arrived.countDown();
            await(release);
        });
        try {
            CompletableFuture<AgentStatus> underWay = client.status(endpoint);
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            client.close();

            assertThat(failure(underWay))
                    .isInstanceOfSatisfying(
                            AgentUnreachableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED))
                    .hasMessage("agent node-1 at " + endpoint.address() + ": the client was closed during the call");
            assertThatThrownBy(() -> client.status(endpoint)).hasMessage("the agent client is closed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void optionsRefuseNonsense() {
        assertThatThrownBy(() -> AgentClient.Options.DEFAULTS.withConnectTimeout(Duration.ZERO))
                .hasMessage("connectTimeout: PT0S (expected: more than zero)");
        assertThatThrownBy(() ->
                        new AgentClient.Options(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessage("maxConnectionsPerAgent: 0 (expected: 1..64)");
    }

    @Test
    void somethingThatIsNotAnAgentFailsAsProtocolError() {
        AgentEndpoint elsewhere = new AgentEndpoint("node-1", agent.uri().resolve("/somewhere-else/"), FakeAgent.TOKEN);

        Throwable failure = failure(client.status(elsewhere));

        assertThat(failure).isInstanceOf(AgentProtocolException.class);
        assertThat(((AgentProtocolException) failure).status()).isEqualTo(404);
        assertThat(failure.getMessage())
                .contains("unexpected answer 404 to GET /admin/status: {\"error\":\"not found\"}");
    }

    @Test
    void theTokenAppearsInNoStringOrMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AgentEndpoint gone = new AgentEndpoint("node-9", URI.create("http://127.0.0.1:" + closedPort), FakeAgent.TOKEN);
        AgentEndpoint wrongPath = new AgentEndpoint("node-1", agent.uri().resolve("/x/"), FakeAgent.TOKEN);
        String stale = "0".repeat(64);
        List<Throwable> failures = List.of(
                failure(client.status(gone)),
                failure(client.status(new AgentEndpoint("node-1", agent.uri(), FakeAgent.TOKEN + "x"))),
                failure(client.pushConfig(endpoint, initial, stale)),
                failure(client.pushConfig(endpoint, new AgentConfig("", List.of(), List.of(), null, null), stale)),
                failure(client.status(wrongPath)),
                failure(client.rollback(endpoint)));

        assertThat(endpoint.toString()).doesNotContain(FakeAgent.TOKEN).contains("token=<redacted>");
        assertThat(failures)
                .extracting(Object::getClass)
                .containsExactly(
                        AgentUnreachableException.class,
                        AgentUnauthorizedException.class,
                        ConfigConflictException.class,
                        ConfigRejectedException.class,
                        AgentProtocolException.class,
                        NoPreviousConfigException.class);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeAgent.TOKEN);
                assertThat(t.toString()).doesNotContain(FakeAgent.TOKEN);
            }
        }
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** The cause a future failed with (bounded wait). */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the call to fail, but waiting for it threw " + e, e);
        }
        throw new AssertionError("expected the call to fail, but it succeeded");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
