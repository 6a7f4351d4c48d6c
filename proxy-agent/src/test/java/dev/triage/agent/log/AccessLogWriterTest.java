package dev.triage.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.api.config.AccessLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AccessLogEntry entry(String requestId) {
        return new AccessLogEntry(
                Instant.parse("2026-11-22T10:15:30.123Z"),
                requestId,
                "192.0.2.7",
                "GET",
                "/patients/7",
                "full=1",
                200,
                42,
                1_234_567,
                "patients",
                "hosp",
                2,
                "MISS",
                "upstream");
    }

    @Test
    void writesOneJsonObjectPerLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogWriter writer = AccessLogWriter.to(out);

        writer.log(entry("r1"));
        writer.log(entry("r2"));
        writer.close();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.getFirst());
        assertThat(first.get("time").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(first.get("requestId").asText()).isEqualTo("r1");
        assertThat(first.get("clientAddress").asText()).isEqualTo("192.0.2.7");
        assertThat(first.get("method").asText()).isEqualTo("GET");
        assertThat(first.get("path").asText()).isEqualTo("/patients/7");
        assertThat(first.get("query").asText()).isEqualTo("full=1");
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("bytes").asLong()).isEqualTo(42);
        assertThat(first.get("durationMs").asDouble()).isEqualTo(1.235);
        assertThat(first.get("route").asText()).isEqualTo("patients");
        assertThat(first.get("targetGroup").asText()).isEqualTo("hosp");
        assertThat(first.get("attempts").asInt()).isEqualTo(2);
        assertThat(first.get("cache").asText()).isEqualTo("MISS");
        assertThat(first.get("outcome").asText()).isEqualTo("upstream");
        assertThat(JSON.readTree(lines.get(1)).get("requestId").asText()).isEqualTo("r2");
    }

    @Test
    void dropsAndCountsEntriesWhenTheWriterFallsBehind() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writing.countDown();
                try {
                    unblock.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        AccessLogWriter writer = AccessLogWriter.to(stuck, 1);
        writer.log(entry("taken"));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

        writer.log(entry("queued"));
        writer.log(entry("dropped-1"));
        writer.log(entry("dropped-2"));

        assertThat(writer.dropped()).isEqualTo(2);
        unblock.countDown();
        writer.close();
    }

    @Test
    void appendsToTheConfiguredFile() throws Exception {
        Path file = dir.resolve("logs/access.jsonl");
        AccessLogWriter writer = AccessLogWriter.open(new AccessLog(true, file.toString()));

        writer.log(entry("r1"));
        writer.close();

        assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"requestId\":\"r1\"");
    }

    @Test
    void aDisabledLogWritesNothing() throws Exception {
        AccessLogWriter writer = AccessLogWriter.open(AccessLog.OFF);

        writer.log(entry("r1"));

        assertThat(writer.enabled()).isFalse();
        assertThat(writer.dropped()).isZero();
    }
}
