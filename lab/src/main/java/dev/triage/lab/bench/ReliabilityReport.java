package dev.triage.lab.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the reliability benchmark measured, in the JSON shape the issue fixes. */
public record ReliabilityReport(
        String profile,
        int requests,
        long seed,
        double timeScale,
        int concurrency,
        Upstream upstream,
        Upstream upstreamDirect,
        Side direct,
        Side agent) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What the simulator did during a run, refused connections included: {@code upstream} during the
     * agent's run (the agent's own attempts, probes included), {@code upstreamDirect} during the direct run
     * (one attempt per client request: the profile's raw harshness).
     */
    public record Upstream(long attempts, long failed, double p99Ms) {}

    public record Reads(long sent, long succeeded, double successRate, double p50Ms, double p99Ms) {}

    public record Writes(long sent, long succeeded, double successRate, long duplicates) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(
            Reads reads,
            Writes writes,
            Long retries,
            Long hedges,
            Long budgetRefusals,
            Long writesHeld,
            Long cacheHits,
            Long staleServed) {

        static Side of(RunResult result, long duplicates, AgentCounts counts) {
            RunResult.Outcomes r = result.reads();
            RunResult.Outcomes w = result.writes();
            Reads reads =
                    new Reads(r.sent(), r.succeeded(), r.successRate(), r.percentileMillis(50), r.percentileMillis(99));
            Writes writes = new Writes(w.sent(), w.succeeded(), w.successRate(), duplicates);
            return counts == null
                    ? new Side(reads, writes, null, null, null, null, null, null)
                    : new Side(
                            reads,
                            writes,
                            counts.retries(),
                            counts.hedges(),
                            counts.budgetRefusals(),
                            counts.writesHeld(),
                            counts.cacheHits(),
                            counts.staleServed());
        }
    }

    record AgentCounts(
            long retries, long hedges, long budgetRefusals, long writesHeld, long cacheHits, long staleServed) {}

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "HOSP reliability, profile %s: %d requests, seed %d, time scale %s, %d clients%n",
                profile,
                requests,
                seed,
                timeScale,
                concurrency));
        out.append(String.format(
                Locale.ROOT,
                "upstream during the direct run: %d attempts, %d failed (%.1f%%), p99 %.0f ms%n"
                        + "upstream during the agent's run: %d attempts, %d failed (%.1f%%), p99 %.0f ms%n%n",
                upstreamDirect.attempts(),
                upstreamDirect.failed(),
                upstreamDirect.attempts() == 0 ? 0 : 100.0 * upstreamDirect.failed() / upstreamDirect.attempts(),
                upstreamDirect.p99Ms(),
                upstream.attempts(),
                upstream.failed(),
                upstream.attempts() == 0 ? 0 : 100.0 * upstream.failed() / upstream.attempts(),
                upstream.p99Ms()));
        out.append(String.format(
                Locale.ROOT,
                "%-7s | %-23s | %-9s | %-9s | %-23s | %s%n",
                "",
                "reads ok / sent",
                "read p50",
                "read p99",
                "writes ok / sent",
                "duplicates"));
        out.append(row("direct", direct)).append(row("agent", agent));
        out.append(String.format(
                Locale.ROOT,
                "%nagent: %d retries, %d hedges, %d budget refusals, %d writes held, %d cache hits, %d stale served%n",
                agent.retries(),
                agent.hedges(),
                agent.budgetRefusals(),
                agent.writesHeld(),
                agent.cacheHits(),
                agent.staleServed()));
        return out.toString();
    }

    private static String row(String name, Side side) {
        return String.format(
                Locale.ROOT,
                "%-7s | %5d / %5d %8.3f%% | %6.0f ms | %6.0f ms | %5d / %5d %8.3f%% | %d%n",
                name,
                side.reads().succeeded(),
                side.reads().sent(),
                100 * side.reads().successRate(),
                side.reads().p50Ms(),
                side.reads().p99Ms(),
                side.writes().succeeded(),
                side.writes().sent(),
                100 * side.writes().successRate(),
                side.writes().duplicates());
    }
}
