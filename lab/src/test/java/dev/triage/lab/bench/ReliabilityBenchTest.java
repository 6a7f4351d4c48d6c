package dev.triage.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.lab.hosp.FailureProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's shape and its one invariant; its numbers are measured, not asserted. */
class ReliabilityBenchTest {

    @Test
    void reportsBothRunsInTheDocumentedShapeAndTheAgentNeverDuplicatesAWrite(@TempDir Path dir) throws Exception {
        ReliabilityReport report =
                ReliabilityBench.run(new ReliabilityBench.Options(300, 11, 0.01, 8, FailureProfile.defaults(), null));
        Path file = dir.resolve("bench.json");
        report.writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());

        assertThat(json.path("profile").asText()).isEqualTo("hosp-default");
        assertThat(json.path("requests").asInt()).isEqualTo(300);
        for (String side : new String[] {"direct", "agent"}) {
            JsonNode reads = json.path(side).path("reads");
            JsonNode writes = json.path(side).path("writes");
            assertThat(reads.path("sent").asLong() + writes.path("sent").asLong())
                    .as(side + ": every planned request sent once")
                    .isEqualTo(300);
            assertThat(reads.has("successRate") && reads.has("p50Ms") && reads.has("p99Ms"))
                    .isTrue();
            assertThat(writes.has("successRate") && writes.has("duplicates")).isTrue();
        }
        for (String key : new String[] {"retries", "hedges", "budgetRefusals", "cacheHits", "staleServed"}) {
            assertThat(json.path("agent").has(key)).as(key).isTrue();
        }
        assertThat(json.path("upstream").path("attempts").asLong()).isPositive();
        assertThat(json.path("agent").path("writes").path("duplicates").asLong())
                .as("the agent never commits a write twice")
                .isZero();
        assertThat(report.table()).contains("direct", "agent", "duplicates");
    }
}
