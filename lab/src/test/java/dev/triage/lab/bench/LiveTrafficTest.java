package dev.triage.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** LiveTraffic's requests leave from the addresses it is given: staff desks in turn, the attacker its own. */
class LiveTrafficTest {

    @Test
    void staffRequestsLeaveFromEachDeskAndAttacksFromTheAttackerAddress() throws Exception {
        Set<String> staffPeers = ConcurrentHashMap.newKeySet();
        Set<String> attackerPeers = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.createContext("/", exchange -> {
            String peer = exchange.getRemoteAddress().getAddress().getHostAddress();
            // staff requests carry an X-Request-Id, the attacker's do not
            (exchange.getRequestHeaders().containsKey("X-Request-Id") ? staffPeers : attackerPeers).add(peer);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        LiveTraffic.Sources sources = new LiveTraffic.Sources(
                List.of(
                        LiveTraffic.Sources.loopback(10),
                        LiveTraffic.Sources.loopback(11),
                        LiveTraffic.Sources.loopback(12)),
                LiveTraffic.Sources.loopback(66));
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (LiveTraffic traffic = LiveTraffic.start(target, 50, Duration.ofMillis(200), 3, sources)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> staffPeers.size() == 3 && !attackerPeers.isEmpty() && traffic.attacks() >= 2);
            assertThat(traffic.stop(Duration.ofSeconds(20))).isTrue();
            assertThat(traffic.inFlight()).isZero();
            assertThat(traffic.succeeded()).isEqualTo(traffic.sent());
            assertThat(traffic.staffFailures()).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(staffPeers).containsExactlyInAnyOrder("127.0.0.10", "127.0.0.11", "127.0.0.12");
        assertThat(attackerPeers).containsExactly("127.0.0.66");
    }

    @Test
    void theLabSourcesAreTwentyDesksAndTheAttackerWhereLoopbackAliasesBind() {
        LiveTraffic.Sources lab = LiveTraffic.Sources.lab();
        if (LiveTraffic.Sources.bindable(LiveTraffic.Sources.loopback(10))) {
            assertThat(lab.staff()).hasSize(20);
            assertThat(lab.staff().getFirst().getHostAddress()).isEqualTo("127.0.0.10");
            assertThat(lab.staff().getLast().getHostAddress()).isEqualTo("127.0.0.29");
            assertThat(lab.attacker().getHostAddress()).isEqualTo("127.0.0.66");
        } else {
            assertThat(lab).isEqualTo(LiveTraffic.Sources.UNBOUND);
        }
    }
}
