package dev.triage.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.console.overview.OverviewViewModel;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code triage bench}, short: the embedded lab goes live, its recorded stats feed a simulated run. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsFirstLiveDataAndMemoryAfterSimulatedUpdatesAsTableAndJson() throws Exception {
        CommandLine line = Triage.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        Path json = dir.resolve("bench.json");

        int code = line.execute("bench", "--ticks", "90", "--record", "1", "--json", json.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("first live data (from command start)")
                .contains("store retained")
                .contains("wrote " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("firstLiveDataMs").asLong()).isPositive();
        assertThat(report.get("firstLiveDataMs").asLong())
                .isGreaterThanOrEqualTo(report.get("labStartMs").asLong());
        JsonNode run = report.get("memory").get(0);
        assertThat(run.get("ticks").asInt()).isEqualTo(90);
        assertThat(run.get("scopes").asInt()).isGreaterThan(1);
        assertThat(run.get("maxChartPoints").asInt()).isBetween(1, OverviewViewModel.CHART_POINTS);
        assertThat(run.get("usedHeapAfterGcMb").asDouble()).isPositive();
    }

    @Test
    void rejectsMoreThanTwoDaysOfTicks() {
        CommandLine line = Triage.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err, true));

        int code = line.execute("bench", "--ticks", "200000");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--ticks: 200000 (expected: 2..172800, 48 hours)");
    }
}
