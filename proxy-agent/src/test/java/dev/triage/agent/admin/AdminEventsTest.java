package dev.triage.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AdminEventsTest {

    /** The event stream's lines, read on another thread so every wait is bounded. */
    private static final class Lines implements AutoCloseable {
        private final Stream<String> stream;
        private final Iterator<String> lines;
        final HttpResponse<Stream<String>> response;

        Lines(AdminFixture fixture) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(fixture.uri("/admin/events"))
                    .header("Authorization", "Bearer " + AdminFixture.TOKEN)
                    .GET()
                    .build();
            this.response = AdminFixture.client()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            this.stream = response.body();
            this.lines = stream.iterator();
        }

        String next() throws Exception {
            return CompletableFuture.supplyAsync(() -> lines.hasNext() ? lines.next() : null)
                    .get(10, TimeUnit.SECONDS);
        }

        /** Lines up to and including the first one that starts with the prefix. */
        String until(String prefix) throws Exception {
            for (int i = 0; i < 200; i++) {
                String line = next();
                if (line == null || line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("no line starting with " + prefix + " in 200 lines");
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    @Test
    void aConfigPushIsStreamedAsAConfigEvent() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig v1 = AdminConfigs.forward("v1", upstream);
        AgentConfig v2 = AdminConfigs.forward("v2", upstream);
        try (AdminFixture fixture = AdminFixture.start(v1);
                Lines events = new Lines(fixture)) {
            assertThat(events.response.statusCode()).isEqualTo(200);
            assertThat(events.response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(events.next()).isEqualTo(": connected");

            assertThat(fixture.put(v2, ConfigCodec.hash(v1)).statusCode()).isEqualTo(200);

            assertThat(events.until("event:")).isEqualTo("event: config");
            assertThat(events.next()).isEqualTo("data: {\"version\":\"v2\",\"hash\":\"" + ConfigCodec.hash(v2) + "\"}");
            assertThat(events.next()).isEmpty();
        }
    }

    @Test
    void aTargetThatStartsFailingIsStreamedAsAHealthEvent() throws Exception {
        int upstream = AdminFixture.refusedPort();
        try (AdminFixture fixture = AdminFixture.start(AdminConfigs.forward("v1", upstream));
                Lines events = new Lines(fixture)) {
            assertThat(events.next()).isEqualTo(": connected");
            HttpClient traffic = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + fixture.agent.port("main") + "/anything");
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> response = traffic.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
            }

            assertThat(events.until("event:")).isEqualTo("event: health");
            assertThat(events.next())
                    .isEqualTo("data: {\"targetGroup\":\"upstream\",\"target\":\"127.0.0.1:" + upstream
                            + "\",\"healthy\":false}");
        }
    }

    @Test
    void aQuietStreamGetsKeepAliveComments() throws Exception {
        try (AdminFixture fixture = new AdminFixture(
                        AdminConfigs.forward("v1", AdminFixture.refusedPort()),
                        null,
                        Duration.ofMillis(20),
                        Duration.ofMillis(50));
                Lines events = new Lines(fixture)) {
            assertThat(events.next()).isEqualTo(": connected");
            assertThat(events.until(": keep-alive")).isEqualTo(": keep-alive");
        }
    }

    @Test
    void closingTheAdminServerEndsOpenStreams() throws Exception {
        AdminFixture fixture = AdminFixture.start(AdminConfigs.forward("v1", AdminFixture.refusedPort()));
        try (Lines events = new Lines(fixture)) {
            assertThat(events.next()).isEqualTo(": connected");

            fixture.close();

            assertThat(events.until("never")).isNull();
        }
    }
}
