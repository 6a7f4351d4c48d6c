package dev.triage.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.port.AccessLogs;
import dev.triage.lab.hosp.FailureProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded lab turns its edge's access log on beside the journal, and the connection reads it as ALB entries. */
class EmbeddedLabAccessLogTest {

    @TempDir
    Path dir;

    @Test
    void aRequestThroughTheEmbeddedLabsLoadBalancerIsReadBackFromItsAccessLog() throws Exception {
        Path journal = dir.resolve("lab.jsonl");
        Instant from = Instant.now().minusSeconds(1);
        try (Connection lab =
                Connections.embedded(new Connections.EmbeddedOptions(journal, 0, null, 7, FailureProfile.none()))) {
            String arn = lab.loadBalancers().loadBalancers().getFirst().arn();
            String address = lab.place().detail().substring("load balancer ".length());
            try (HttpClient http = HttpClient.newHttpClient()) {
                http.send(
                        HttpRequest.newBuilder(URI.create(address + "/wp-login.php"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            AccessLogs logs = lab.accessLogs().orElseThrow();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Stream<AlbLogEntry> entries =
                        logs.entries(arn, from, Instant.now().plusSeconds(1))) {
                    List<AlbLogEntry> read = entries.toList();
                    assertThat(read).extracting(AlbLogEntry::path).contains("/wp-login.php");
                }
            });
            assertThat(Files.exists(Connections.edgeAccessLog(journal))).isTrue();
        }
    }
}
