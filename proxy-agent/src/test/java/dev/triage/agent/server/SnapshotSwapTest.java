package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.RoutePolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotSwapTest {

    @Test
    void requestInFlightFinishesOnItsSnapshotWhileNewRequestsUseTheNewOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (UpstreamFixture oldUpstream = new UpstreamFixture();
                UpstreamFixture newUpstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(Configs.forwardAll("v1", oldUpstream.port(), RoutePolicy.NONE))) {
            oldUpstream.handler((exchange, received) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                UpstreamFixture.status(exchange, 200, "from old");
            });
            newUpstream.handler((exchange, received) -> UpstreamFixture.status(exchange, 200, "from new"));
            int port = agent.port(Configs.LISTENER);

            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.get(port, "/slow");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> oldUpstream.received().size() == 1);

            agent.apply(Configs.forwardAll("v2", newUpstream.port(), RoutePolicy.NONE));

            assertThat(agent.port(Configs.LISTENER)).isEqualTo(port);
            assertThat(Http.get(port, "/healthz").body()).contains("\"configVersion\":\"v2\"");
            assertThat(Http.get(port, "/fast").body()).isEqualTo("from new");
            release.countDown();
            HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("from old");
            assertThat(newUpstream.received())
                    .extracting(UpstreamFixture.Received::target)
                    .containsExactly("/fast");
        }
    }

    @Test
    void anInvalidConfigChangesNothing() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(Configs.forwardAll("v1", upstream.port(), RoutePolicy.NONE))) {
            var broken = Configs.forwardAll("v2", upstream.port(), RoutePolicy.NONE);
            var withoutGroups = new dev.triage.agent.api.config.AgentConfig(
                    "v2", broken.listeners(), java.util.List.of(), null, null);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent.apply(withoutGroups))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("upstream");

            assertThat(agent.configVersion()).isEqualTo("v1");
            assertThat(Http.get(agent.port(Configs.LISTENER), "/still").statusCode())
                    .isEqualTo(200);
        }
    }
}
