package dev.triage.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the throughput bench: structure and correctness, never timing. */
class ThroughputBenchTest {

    private static final int REQUESTS = 400;
    private static final ThroughputBench.Options TINY =
            new ThroughputBench.Options(4, REQUESTS, 50, Duration.ofMinutes(2), 512);

    private static ThroughputBench.Report report;

    @BeforeAll
    static void runOnce() throws Exception {
        report = ThroughputBench.run(TINY);
    }

    @Test
    void runsTheThreeScenariosToCompletionWithoutErrors() {
        assertThat(report.scenarios())
                .extracting(ThroughputBench.Report.Scenario::name)
                .containsExactly(ThroughputBench.DIRECT, ThroughputBench.PASS_THROUGH, ThroughputBench.CACHE_HIT);
        assertThat(report.scenarios()).allSatisfy(s -> {
            assertThat(s.requests()).isEqualTo(REQUESTS);
            assertThat(s.stoppedByTime()).isFalse();
            assertThat(s.errors()).isZero();
            assertThat(s.seconds()).isPositive();
            assertThat(s.requestsPerSecond()).isPositive();
            assertThat(s.p50Ms()).isPositive().isLessThanOrEqualTo(s.p99Ms());
            assertThat(s.p99Ms()).isLessThanOrEqualTo(s.maxMs());
            assertThat(s.cpuMicrosPerRequest()).isPositive();
            assertThat(s.otherCpuSeconds()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void directLoadReachesTheUpstreamAndNotTheAgent() {
        ThroughputBench.Report.Scenario direct = report.scenario(ThroughputBench.DIRECT);

        assertThat(direct.upstreamReceived()).isEqualTo(REQUESTS);
        assertThat(direct.agentRequests()).isZero();
        assertThat(direct.upstreamAttempts()).isZero();
    }

    @Test
    void passThroughMakesOneUpstreamAttemptPerRequest() {
        ThroughputBench.Report.Scenario pass = report.scenario(ThroughputBench.PASS_THROUGH);

        assertThat(pass.agentRequests()).isEqualTo(REQUESTS);
        assertThat(pass.upstreamAttempts()).isEqualTo(REQUESTS);
        assertThat(pass.upstreamReceived()).isEqualTo(REQUESTS);
        assertThat(pass.cacheHits()).isZero();
        assertThat(pass.cacheHitHeaders()).isZero();
    }

    @Test
    void cacheHitsNeverReachTheUpstreamOnceWarm() {
        ThroughputBench.Report.Scenario hit = report.scenario(ThroughputBench.CACHE_HIT);

        assertThat(hit.agentRequests()).isEqualTo(REQUESTS);
        assertThat(hit.upstreamAttempts()).isZero();
        assertThat(hit.upstreamReceived()).isZero();
        assertThat(hit.cacheHits()).isEqualTo(REQUESTS);
        assertThat(hit.cacheHitHeaders()).isEqualTo(REQUESTS);
    }

    @Test
    void describesTheMachineAndSettings() {
        assertThat(report.environment().availableProcessors())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(report.environment().javaVersion())
                .isEqualTo(Runtime.version().toString());
        assertThat(report.settings().concurrency()).isEqualTo(4);
        assertThat(report.settings().bodyBytes()).isEqualTo(512);
        assertThat(report.table())
                .contains(ThroughputBench.DIRECT, ThroughputBench.PASS_THROUGH, ThroughputBench.CACHE_HIT)
                .contains("processors");
    }

    @Test
    void writesJsonWithCamelCaseKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/throughput.json");

        report.writeJson(file);

        JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
        assertThat(json.path("environment").path("availableProcessors").asInt()).isPositive();
        assertThat(json.path("settings").path("warmupRequests").asInt()).isEqualTo(50);
        assertThat(json.path("scenarios")).hasSize(3);
        JsonNode pass = json.path("scenarios").get(1);
        assertThat(pass.path("name").asText()).isEqualTo(ThroughputBench.PASS_THROUGH);
        assertThat(pass.path("requestsPerSecond").isNumber()).isTrue();
        assertThat(pass.path("p99Ms").isNumber()).isTrue();
        assertThat(pass.path("upstreamAttempts").asLong()).isEqualTo(REQUESTS);
        assertThat(json.has("table")).isFalse();
    }

    @Test
    void rejectsEveryBadOptionAtOnce() {
        assertThatThrownBy(() -> new ThroughputBench.Options(0, 0, -1, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency: 0 (expected: 1..4096)")
                .hasMessageContaining("requests: 0 (expected: >= 1)")
                .hasMessageContaining("warmupRequests: -1 (expected: >= 0)")
                .hasMessageContaining("maxDuration: PT0S (expected: > 0)")
                .hasMessageContaining("bodyBytes: -1 (expected: 0..1048576)");
    }

    @Test
    void upstreamBodyHasTheAskedSize() {
        assertThat(ThroughputUpstream.body(1024)).hasSize(1024);
        assertThat(new String(ThroughputUpstream.body(16))).isEqualTo("{\"data\":\"xxxxx\"}");
    }
}
