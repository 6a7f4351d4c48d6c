package dev.triage.console.cli;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.fx.Tasks;
import dev.triage.console.overview.AgentsLiveSource;
import dev.triage.console.overview.LiveSources;
import dev.triage.console.overview.OverviewViewModel;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.lab.LabFleet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code triage bench}: the console's startup and memory benchmark on the embedded lab, without a window (the
 * overview's ViewModel and model, as the window binds them; Monocle is a test dependency, not in the jar).
 *
 * <p>(a) Time to first live data: from the command's start, the embedded lab starts (as the console opens it by
 * default), core's sampler polls its agents once a second, and the overview's ViewModel is refreshed every 50 ms
 * until it shows its first live reading. (b) Memory after simulated hours: real stats are recorded from the
 * lab's agents for a few seconds, the lab is closed, and a fresh sampler, LiveMetrics and ViewModel are fed one
 * reading per simulated second (a fake clock, as fast as the machine goes; each reading replays the recording
 * with its counters moved on), the ViewModel refreshed every tick; then the heap used after a full GC, and the
 * metrics store's retained size (used heap after GC with the store, minus without it).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Startup and memory benchmark of the console's overview on the embedded lab.")
final class BenchCommand implements Callable<Integer> {

    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 50;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--ticks",
            split = ",",
            paramLabel = "N",
            description = "Simulated one-second updates per memory run (default: 3600,86400: an hour, a day).")
    List<Integer> ticks = List.of(3_600, 86_400);

    @Option(
            names = "--record",
            paramLabel = "S",
            description = "Seconds of real stats recorded from the lab's agents for the replay (default: 5).")
    int recordSeconds = 5;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws Exception {
        for (int n : ticks) {
            if (n < 2 || n > 172_800) {
                throw new IllegalArgumentException("--ticks: " + n + " (expected: 2..172800, 48 hours)");
            }
        }
        if (recordSeconds < 1 || recordSeconds > 60) {
            throw new IllegalArgumentException("--record: " + recordSeconds + " (expected: 1..60)");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        long commandStart = System.nanoTime();
        long commandStartWall = System.currentTimeMillis();
        Path dir = Files.createTempDirectory("triage-bench");
        Recording recording;
        Connection lab = Connections.embedded(Connections.EmbeddedOptions.defaults(dir.resolve("journal.jsonl")));
        try {
            long labUp = System.nanoTime();
            LiveSources sources = lab.live(); // the lab offers one: its front door's agents
            AgentsLiveSource live =
                    (AgentsLiveSource) sources.open(sources.choices().getFirst());
            try (Tasks tasks = Tasks.direct()) {
                OverviewViewModel vm = new OverviewViewModel(live, tasks, ZoneOffset.UTC);
                long deadline = System.nanoTime() + LIVE_TIMEOUT.toNanos();
                while (!vm.liveProperty().get()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no live data from the lab within " + LIVE_TIMEOUT);
                    }
                    Thread.sleep(POLL_MS);
                    vm.refresh();
                }
            }
            long firstLive = System.nanoTime();
            report.put("labStartMs", ms(labUp - commandStart));
            report.put("firstLiveDataMs", ms(firstLive - commandStart));
            report.put("firstLiveDataSinceJvmStartMs", commandStartWall - jvmStartMs + ms(firstLive - commandStart));
            recording = record(live.agents(), live.front());
        } finally {
            lab.close();
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int n : ticks) {
            runs.add(memoryRun(recording, n));
        }
        report.put("recordedSeconds", recordSeconds);
        report.put("memory", runs);
        report.put("maxHeapMb", mb(Runtime.getRuntime().maxMemory()));
        report.put("java", System.getProperty("java.version"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        spec.commandLine().getOut().print(table(report, runs));
        if (json != null) {
            Files.writeString(json, JsonOut.write(report));
            spec.commandLine().getOut().println("wrote " + json);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private record Recording(List<FleetAgent> agents, FleetAgent front, ReplayedStats stats) {}

    /** One reading a second of every agent's stats, {@code recordSeconds + 1} of them, and their configs. */
    private Recording record(List<FleetAgent> agents, FleetAgent front) throws Exception {
        Map<String, List<AgentStats>> readings = new LinkedHashMap<>();
        Map<String, AgentConfig> configs = new LinkedHashMap<>();
        try (AgentClient client = AgentClient.create()) {
            for (FleetAgent agent : agents) {
                VersionedConfig config = client.config(agent.endpoint()).get(10, TimeUnit.SECONDS);
                configs.put(agent.name(), config.config());
                readings.put(agent.name(), new ArrayList<>());
            }
            for (int s = 0; s <= recordSeconds; s++) {
                if (s > 0) {
                    Thread.sleep(1_000);
                }
                for (FleetAgent agent : agents) {
                    readings.get(agent.name())
                            .add(client.stats(agent.endpoint()).get(10, TimeUnit.SECONDS));
                }
            }
        }
        return new Recording(agents, front, new ReplayedStats(readings, configs));
    }

    /** Feeds a fresh sampler, LiveMetrics and ViewModel {@code ticks} simulated seconds; measures the heap. */
    private static Map<String, Object> memoryRun(Recording recording, int ticks) throws Exception {
        long before = usedAfterGc();
        BenchClock clock = new BenchClock(Instant.parse("2026-11-22T00:00:00Z"));
        AgentsLiveSource source = AgentsLiveSource.create(
                recording.agents(),
                recording.front(),
                recording.stats(),
                LabFleet.SCOPE_IDS,
                dev.triage.core.slo.Slo.DEFAULT,
                clock);
        Tasks tasks = Tasks.direct();
        OverviewViewModel vm = new OverviewViewModel(source, tasks, ZoneOffset.UTC);
        long start = System.nanoTime();
        int maxPoints = 0;
        for (int t = 0; t < ticks; t++) {
            source.sampler().tick().join();
            recording.stats().next();
            clock.advance(Duration.ofSeconds(1));
            vm.refresh();
            OverviewViewModel.Charts charts = vm.chartsProperty().get();
            maxPoints = Math.max(
                    maxPoints,
                    Math.max(
                            charts.requestsPerSecond().size(),
                            Math.max(
                                    charts.successPercent().size(),
                                    charts.p99Ms().size())));
        }
        long fed = System.nanoTime() - start;
        if (!vm.liveProperty().get()) {
            throw new IllegalStateException("the overview never went live during the replay");
        }
        long with = usedAfterGc();
        String lastMinute = vm.lastMinuteProperty().get().text();
        String rps = vm.requestsPerSecondProperty().get();
        int scopes = source.metrics().scopes().size();
        tasks.close();
        source.close();
        source = null;
        vm = null;
        long without = usedAfterGc();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("ticks", ticks);
        run.put("simulated", Duration.ofSeconds(ticks).toString());
        run.put("feedSeconds", Math.round(fed / 1e7) / 100.0);
        run.put("ticksPerSecond", Math.round(ticks / (fed / 1e9)));
        run.put("usedHeapBeforeMb", mb(before));
        run.put("usedHeapAfterGcMb", mb(with));
        run.put("metricsStoreRetainedMb", mb(with - without));
        run.put("scopes", scopes);
        run.put("maxChartPoints", maxPoints);
        run.put("lastMinute", lastMinute);
        run.put("requestsPerSecond", rps);
        return run;
    }

    /** Used heap after full collections, once it stops shrinking (at most five). */
    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    private static String table(Map<String, Object> report, List<Map<String, Object>> runs) {
        StringBuilder out = new StringBuilder();
        out.append("Startup (embedded lab, overview model without a window)\n");
        out.append(String.format(Locale.ROOT, "  %-42s %8s ms%n", "lab started", report.get("labStartMs")));
        out.append(String.format(
                Locale.ROOT,
                "  %-42s %8s ms%n",
                "first live data (from command start)",
                report.get("firstLiveDataMs")));
        out.append(String.format(
                Locale.ROOT,
                "  %-42s %8s ms%n",
                "first live data (from JVM start)",
                report.get("firstLiveDataSinceJvmStartMs")));
        out.append("\nMemory after simulated 1 s updates (sampler + LiveMetrics + ViewModel, ")
                .append(report.get("recordedSeconds"))
                .append(" s of real stats replayed)\n");
        out.append(String.format(
                Locale.ROOT,
                "  %8s %10s %10s %14s %14s %12s %10s%n",
                "ticks",
                "simulated",
                "feed (s)",
                "heap after GC",
                "store retained",
                "chart points",
                "scopes"));
        for (Map<String, Object> run : runs) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %8s %10s %10s %11s MB %11s MB %12s %10s%n",
                    run.get("ticks"),
                    run.get("simulated"),
                    run.get("feedSeconds"),
                    run.get("usedHeapAfterGcMb"),
                    run.get("metricsStoreRetainedMb"),
                    run.get("maxChartPoints"),
                    run.get("scopes")));
        }
        out.append(String.format(
                Locale.ROOT,
                "  (max heap %s MB, Java %s, %s CPUs)%n",
                report.get("maxHeapMb"),
                report.get("java"),
                report.get("cpus")));
        return out.toString();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }
}
