package dev.triage.agent.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

    private final List<String> attempts = new ArrayList<>();
    private final ExchangeListener listener = new ExchangeListener() {
        @Override
        public synchronized void attempt(
                String targetGroup, String target, int status, UpstreamException.Kind failure, long nanos) {
            attempts.add(targetGroup + " " + target + " " + status + " " + failure);
        }
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch arrived = new CountDownLatch(1);
    private UpstreamClient client;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        client = UpstreamClient.start();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/big", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 5_000);
                exchange.getResponseBody().write(new byte[5_000]);
            }
        });
        server.createContext("/chunked-big", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 0);
                for (int i = 0; i < 10; i++) {
                    exchange.getResponseBody().write(new byte[1_000]);
                }
            }
        });
        server.createContext("/slow", exchange -> {
            try (exchange) {
                arrived.countDown();
                release.await(10, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        client.close();
    }

    private Exchange attemptTo(int port, long maxResponseBytes) {
        TargetGroup config = new TargetGroup(
                "tg", List.of(new TargetGroup.Target("127.0.0.1", port)), 500, 4, maxResponseBytes, null);
        return client.attempt(client.targetGroup(config), listener);
    }

    private static ProxyRequest request(String method, String path) {
        return new ProxyRequest(method, path, null, Headers.of("Host", "x"), null, "192.0.2.1", "rid-1");
    }

    @Test
    void aRefusedConnectionIsAConnectFailureNeverSent() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() ->
                        attemptTo(port, 0).exchange(request("POST", "/notes"), Deadline.after(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT_FAILURE);
                    assertThat(e.requestSent()).isFalse();
                });
        assertThat(attempts).containsExactly("tg 127.0.0.1:" + port + " 0 CONNECT_FAILURE");
    }

    @Test
    void aBodyOverTheBoundIsTooLargeByContentLength() {
        assertThatThrownBy(() -> attemptTo(server.getAddress().getPort(), 1_000)
                        .exchange(request("GET", "/big"), Deadline.after(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(
                        UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RESPONSE_TOO_LARGE));
    }

    @Test
    void aChunkedBodyOverTheBoundIsTooLargeAsItArrives() {
        assertThatThrownBy(() -> attemptTo(server.getAddress().getPort(), 4_000)
                        .exchange(request("GET", "/chunked-big"), Deadline.after(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(
                        UpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RESPONSE_TOO_LARGE));
    }

    @Test
    void aTimeoutAfterSendingIsMarkedSent() {
        assertThatThrownBy(() -> attemptTo(server.getAddress().getPort(), 0)
                        .exchange(request("POST", "/slow"), Deadline.after(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
                    assertThat(e.requestSent()).isTrue();
                });
    }

    @Test
    void anExpiredDeadlineSendsNothing() {
        assertThatThrownBy(() -> attemptTo(server.getAddress().getPort(), 0)
                        .exchange(request("POST", "/slow"), new Deadline(System.nanoTime() - 1)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
                    assertThat(e.requestSent()).isFalse();
                });
    }

    @Test
    void anInterruptedAttemptIsNotCountedAsAFailure() throws Exception {
        Exchange attempt = attemptTo(server.getAddress().getPort(), 0);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                attempt.exchange(request("GET", "/slow"), Deadline.after(Duration.ofSeconds(10)));
            } catch (InterruptedException | UpstreamException e) {
                // expected: interrupted
            }
        });
        assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(attempts).isEmpty();
    }
}
