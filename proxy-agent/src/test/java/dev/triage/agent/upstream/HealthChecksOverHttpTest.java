package dev.triage.agent.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.TargetStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Active health checks over real sockets, on short real intervals bounded by Awaitility. The check
 * timeout is longer than the interval (the runtime allows it; one check per target is in flight), so
 * a busy machine does not fail a healthy target's checks.
 */
class HealthChecksOverHttpTest {

    private static final Duration AT_MOST = Duration.ofSeconds(10);

    /** An upstream whose /health answers a settable status, or hangs until closed (status 0). */
    private static final class Upstream implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger status = new AtomicInteger(200);
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final CountDownLatch closing = new CountDownLatch(1);

        Upstream() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/health", exchange -> {
                inFlight.incrementAndGet();
                try (exchange) {
                    checks.incrementAndGet();
                    int answer = status.get();
                    if (answer == 0) {
                        closing.await(10, TimeUnit.SECONDS);
                        answer = 200;
                    }
                    exchange.sendResponseHeaders(answer, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
        }
    }

    private final UpstreamClient client = UpstreamClient.start();

    @AfterEach
    void closeClient() {
        client.close();
    }

    private TargetGroupRuntime group(Upstream a, Upstream b) {
        return client.targetGroup(new TargetGroup(
                "checked",
                List.of(new TargetGroup.Target("127.0.0.1", a.port()), new TargetGroup.Target("127.0.0.1", b.port())),
                200,
                0,
                0,
                new TargetGroup.HealthCheck("/health", 40, 1_000, 2, 2)));
    }

    private static boolean healthy(TargetGroupRuntime group, int index) {
        return group.targetStats().get(index).healthy();
    }

    private static Set<Integer> chosenPorts(TargetGroupRuntime group) {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(group.choose().host().getPort());
        }
        return ports;
    }

    @Test
    void aTargetFailingItsChecksGetsNoNewRequestsUntilItPassesAgain() throws Exception {
        try (Upstream good = new Upstream();
                Upstream bad = new Upstream()) {
            bad.status.set(503);
            List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
            client.targetHealthListener((name, target, healthy) -> changes.add(target + " " + healthy));
            TargetGroupRuntime group = group(good, bad);
            group.startHealthChecks();

            await().atMost(AT_MOST).until(() -> !healthy(group, 1));
            assertThat(healthy(group, 0)).isTrue();
            assertThat(chosenPorts(group)).containsExactly(good.port());

            bad.status.set(204);
            await().atMost(AT_MOST).until(() -> healthy(group, 1));
            assertThat(chosenPorts(group)).containsExactlyInAnyOrder(good.port(), bad.port());
            await().atMost(AT_MOST).until(() -> changes.size() == 2);
            assertThat(changes)
                    .containsExactly("127.0.0.1:" + bad.port() + " false", "127.0.0.1:" + bad.port() + " true");
        }
    }

    @Test
    void aCheckWithoutAnAnswerWithinTheTimeoutFails() throws Exception {
        try (Upstream good = new Upstream();
                Upstream slow = new Upstream()) {
            slow.status.set(0);
            TargetGroupRuntime group = group(good, slow);
            group.startHealthChecks();

            await().atMost(AT_MOST).until(() -> !healthy(group, 1));
            assertThat(chosenPorts(group)).containsExactly(good.port());
        }
    }

    @Test
    void everyTargetUnhealthyFailsOpenToAllOfThem() throws Exception {
        try (Upstream a = new Upstream();
                Upstream b = new Upstream()) {
            a.status.set(500);
            b.status.set(404);
            TargetGroupRuntime group = group(a, b);
            group.startHealthChecks();

            await().atMost(AT_MOST).until(() -> group.targetStats().stream().noneMatch(TargetStats::healthy));
            assertThat(chosenPorts(group)).containsExactlyInAnyOrder(a.port(), b.port());
        }
    }

    @Test
    void stoppedChecksLeaveNothingScheduledAndSendNoMore() throws Exception {
        try (Upstream a = new Upstream();
                Upstream b = new Upstream()) {
            TargetGroupRuntime group = group(a, b);
            group.startHealthChecks();
            await().atMost(AT_MOST).until(() -> a.checks.get() >= 3 && b.checks.get() >= 3);

            group.stopHealthChecks();

            await().atMost(AT_MOST).until(() -> client.scheduledChecks() == 0 && a.inFlight.get() == 0);
            int sent = a.checks.get();
            await().during(Duration.ofMillis(400)).atMost(AT_MOST).until(() -> a.checks.get() == sent);
        }
    }

    @Test
    void closingTheClientEndsTheSchedulerThread() throws Exception {
        try (Upstream a = new Upstream();
                Upstream b = new Upstream()) {
            TargetGroupRuntime group = group(a, b);
            group.startHealthChecks();
            await().atMost(AT_MOST).until(() -> a.checks.get() >= 1);

            client.close();

            await().atMost(AT_MOST).until(client::checksTerminated);
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().equals("triage-health-checks") && thread.isAlive());
        }
    }
}
