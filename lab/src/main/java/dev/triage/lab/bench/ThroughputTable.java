package dev.triage.lab.bench;

import java.util.Locale;

/** The human-readable form of a throughput report. */
final class ThroughputTable {

    private static final String ROW = "%-13s %9s %8s %9s %8s %8s %8s %8s %8s %7s %9s %9s %9s %9s%n";

    private ThroughputTable() {}

    static String format(ThroughputBench.Report report) {
        StringBuilder out = new StringBuilder();
        ThroughputBench.Report.Settings settings = report.settings();
        out.append(String.format(
                Locale.ROOT,
                "concurrency %d, %d requests (+%d warm-up) per scenario, at most %.0f s a phase, %d-byte body, %d"
                        + " keys%n",
                settings.concurrency(),
                settings.requests(),
                settings.warmupRequests(),
                settings.maxDurationMs() / 1000.0,
                settings.bodyBytes(),
                settings.keys()));
        out.append(String.format(
                Locale.ROOT,
                ROW,
                "scenario",
                "requests",
                "seconds",
                "req/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "cpu us/r",
                "other s",
                "errors",
                "attempts",
                "received",
                "agentHits",
                "X-Cache"));
        for (ThroughputBench.Report.Scenario s : report.scenarios()) {
            out.append(String.format(
                    Locale.ROOT,
                    ROW,
                    s.name(),
                    s.requests() + (s.stoppedByTime() ? "*" : ""),
                    String.format(Locale.ROOT, "%.2f", s.seconds()),
                    String.format(Locale.ROOT, "%.0f", s.requestsPerSecond()),
                    String.format(Locale.ROOT, "%.3f", s.p50Ms()),
                    String.format(Locale.ROOT, "%.3f", s.p99Ms()),
                    String.format(Locale.ROOT, "%.1f", s.maxMs()),
                    String.format(Locale.ROOT, "%.1f", s.cpuMicrosPerRequest()),
                    String.format(Locale.ROOT, "%.1f", s.otherCpuSeconds()),
                    s.errors(),
                    s.upstreamAttempts(),
                    s.upstreamReceived(),
                    s.cacheHits(),
                    s.cacheHitHeaders()));
        }
        ThroughputBench.Report.Environment env = report.environment();
        out.append(String.format(
                Locale.ROOT,
                "cpu us/r = this process's CPU per request (client, agent, upstream); other s = CPU seconds other"
                        + " processes took meanwhile;%n"
                        + "attempts = the agent's upstream attempts; received = requests the upstream saw; agentHits = the agent's cache-hit count;"
                        + " X-Cache = HIT headers the client saw; * = cut by the time bound%n"
                        + "%d processors shared by client, agent and upstream (load average %.2f at start); max heap %d MB; Java %s (%s); %s %s%n",
                env.availableProcessors(),
                env.loadAverage(),
                env.maxHeapMb(),
                env.javaVersion(),
                env.javaVm(),
                env.osName(),
                env.osArch()));
        return out.toString();
    }
}
