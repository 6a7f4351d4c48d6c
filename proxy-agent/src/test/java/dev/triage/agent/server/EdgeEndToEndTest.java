package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.TargetGroup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a load balancer, through the real server: weights, stickiness, redirects, health checks. */
class EdgeEndToEndTest {

    private static final String EDGE = "edge";

    private static TargetGroup group(String name, int port, TargetGroup.HealthCheck check) {
        return new TargetGroup(name, List.of(new TargetGroup.Target("127.0.0.1", port)), 1_000, 0, 0, check);
    }

    private static AgentConfig weighted(String version, int legacyPort, int replacementPort, int legacy, int next) {
        return weighted(version, legacyPort, replacementPort, legacy, next, null);
    }

    private static AgentConfig weighted(
            String version, int legacyPort, int replacementPort, int legacy, int next, Action.Stickiness sticky) {
        Action forward = new Action(
                Action.FORWARD,
                new Action.Forward(
                        List.of(
                                new Action.WeightedTargetGroup("legacy", legacy),
                                new Action.WeightedTargetGroup("replacement", next)),
                        sticky),
                null,
                null);
        Listener listener = new Listener(EDGE, Listener.HTTP, "127.0.0.1", 0, List.of(), forward);
        return new AgentConfig(
                version,
                List.of(listener),
                List.of(group("legacy", legacyPort, null), group("replacement", replacementPort, null)),
                null,
                null);
    }

    private static void answer(UpstreamFixture upstream, String name) {
        upstream.handler((exchange, received) -> UpstreamFixture.status(exchange, 200, name));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void weightsOf90And10HoldOverTenThousandRequests() throws Exception {
        try (UpstreamFixture legacy = new UpstreamFixture();
                UpstreamFixture replacement = new UpstreamFixture();
                AgentServer agent = AgentServer.start(weighted("w1", legacy.port(), replacement.port(), 90, 10))) {
            answer(legacy, "legacy");
            answer(replacement, "replacement");
            int port = agent.port(EDGE);
            int total = 10_000;
            int clients = 4;
            AtomicInteger ok = new AtomicInteger();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    running.add(pool.submit(() -> {
                        for (int i = 0; i < total / clients; i++) {
                            if (Http.get(port, "/r").statusCode() == 200) {
                                ok.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get(170, TimeUnit.SECONDS);
                }
            }

            assertThat(ok.get()).isEqualTo(total);
            int toLegacy = legacy.received().size();
            int toReplacement = replacement.received().size();
            assertThat(toLegacy + toReplacement).isEqualTo(total);
            assertThat(100.0 * toLegacy / total).isBetween(88.0, 92.0);
            assertThat(100.0 * toReplacement / total).isBetween(8.0, 12.0);
        }
    }

    @Test
    void stickinessKeepsAClientOnTheGroupItFirstGot() throws Exception {
        try (UpstreamFixture legacy = new UpstreamFixture();
                UpstreamFixture replacement = new UpstreamFixture();
                AgentServer agent = AgentServer.start(
                        weighted("s1", legacy.port(), replacement.port(), 50, 50, new Action.Stickiness(true, 60)))) {
            answer(legacy, "legacy");
            answer(replacement, "replacement");
            int port = agent.port(EDGE);
            List<String> firstGroups = new ArrayList<>();
            for (int client = 0; client < 20; client++) {
                HttpResponse<String> first = Http.get(port, "/first");
                String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
                String pair = cookie.substring(0, cookie.indexOf(';'));
                firstGroups.add(first.body());
                for (int i = 0; i < 10; i++) {
                    assertThat(Http.get(port, "/again", "Cookie", "theme=dark; " + pair)
                                    .body())
                            .isEqualTo(first.body());
                }
            }
            assertThat(firstGroups).contains("legacy", "replacement");
        }
    }

    @Test
    void anHttpListenerRedirectsToTheHttpsOne(@TempDir Path dir) throws Exception {
        TestCertificates.Pem pem = TestCertificates.rsa(dir, "redirect");
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(
                        HttpsListenerTest.https("r1", upstream.port(), pem.chainFile(), pem.keyFile()))) {
            int httpsPort = agent.port(HttpsListenerTest.SECURE);
            AgentConfig first = agent.config();
            Action toHttps = new Action(
                    Action.REDIRECT,
                    null,
                    new Action.Redirect("HTTPS", "#{host}", Integer.toString(httpsPort), "/#{path}", "#{query}", 301),
                    null);
            Listener plain = new Listener("plain", Listener.HTTP, "127.0.0.1", 0, List.of(), toHttps);
            List<Listener> listeners = new ArrayList<>(first.listeners());
            listeners.add(plain);
            agent.apply(new AgentConfig("r2", listeners, first.targetGroups(), null, null));
            assertThat(agent.port(HttpsListenerTest.SECURE)).isEqualTo(httpsPort);

            HttpResponse<String> redirect = Http.get(agent.port("plain"), "/notes/7?full=1");

            assertThat(redirect.statusCode()).isEqualTo(301);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(location).isEqualTo("https://127.0.0.1:" + httpsPort + "/notes/7?full=1");
            try (TlsClient client = TlsClient.connect(httpsPort)) {
                TlsClient.Response followed = client.get(location.substring(location.indexOf('/', 8)));
                assertThat(followed.status()).isEqualTo(200);
                assertThat(followed.body()).isEqualTo("echo GET /notes/7?full=1 ");
            }
        }
    }

    @Test
    void healthChecksRunWhileTheirConfigServesAndStopWhenItIsSwappedOut() throws Exception {
        try (UpstreamFixture a = new UpstreamFixture();
                UpstreamFixture b = new UpstreamFixture()) {
            AtomicInteger checksOfA = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            a.handler((exchange, received) -> {
                if (!received.target().equals("/health")) {
                    UpstreamFixture.status(exchange, 200, "a");
                    return;
                }
                inFlight.incrementAndGet();
                try {
                    checksOfA.incrementAndGet();
                    UpstreamFixture.status(exchange, 200, "a");
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            b.handler((exchange, received) ->
                    UpstreamFixture.status(exchange, received.target().equals("/health") ? 503 : 200, "b"));
            TargetGroup.HealthCheck check = new TargetGroup.HealthCheck("/health", 40, 1_000, 2, 2);
            TargetGroup both = new TargetGroup(
                    "pool",
                    List.of(
                            new TargetGroup.Target("127.0.0.1", a.port()),
                            new TargetGroup.Target("127.0.0.1", b.port())),
                    1_000,
                    0,
                    0,
                    check);
            Listener listener = new Listener(EDGE, Listener.HTTP, "127.0.0.1", 0, List.of(), Action.forwardTo("pool"));
            AgentServer agent = AgentServer.start(new AgentConfig("h1", List.of(listener), List.of(both), null, null));
            try (agent) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> agent.stats().targetGroups().get("pool").targets().stream()
                                        .filter(t -> !t.healthy())
                                        .count()
                                == 1);
                for (int i = 0; i < 10; i++) {
                    assertThat(Http.get(agent.port(EDGE), "/x").body()).isEqualTo("a");
                }

                TargetGroup unchecked = new TargetGroup("pool", both.targets(), 1_000, 0, 0, null);
                agent.apply(new AgentConfig("h2", List.of(listener), List.of(unchecked), null, null));

                await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 0);
                int sent = checksOfA.get();
                await().during(Duration.ofMillis(400))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> checksOfA.get() == sent);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.getName().equals("triage-health-checks") && t.isAlive()));
        }
    }
}
