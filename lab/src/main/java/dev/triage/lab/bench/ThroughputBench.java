package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.HdrHistogram.Histogram;

/**
 * The agent's throughput benchmark, all in one process on 127.0.0.1: a fast upstream answering GETs
 * with a fixed JSON body, an agent in front of it, and closed-loop load against three scenarios.
 *
 * <ul>
 *   <li>{@value #DIRECT}: the load straight to the upstream, the baseline of what the agent adds;
 *   <li>{@value #PASS_THROUGH}: through the agent, uncached, every request reaching the upstream;
 *   <li>{@value #CACHE_HIT}: through the agent on a cached route, over a handful of keys primed first,
 *       so every measured request is answered from the cache.
 * </ul>
 *
 * <p>Each scenario primes (cache-hit only), warms up, then measures; the agent's own counters,
 * read before and after the measured phase, cross-check what the client saw.
 */
public final class ThroughputBench {

    public static final String DIRECT = "direct";
    public static final String PASS_THROUGH = "pass-through";
    public static final String CACHE_HIT = "cache-hit";

    /** Distinct paths each scenario cycles through. */
    static final int KEYS = 8;

    private static final Duration SETTLE = Duration.ofSeconds(2);

    private ThroughputBench() {}

    /**
     * What to run.
     *
     * @param concurrency client virtual threads, each with its own keep-alive connection
     * @param requests measured requests per scenario (a scenario also stops at maxDuration)
     * @param warmupRequests unmeasured requests per scenario before measuring
     * @param maxDuration bound on each phase (warm-up, measurement) of each scenario
     * @param bodyBytes size of the upstream's JSON body
     */
    public record Options(int concurrency, int requests, int warmupRequests, Duration maxDuration, int bodyBytes) {

        public static final int DEFAULT_CONCURRENCY = 32;
        public static final int DEFAULT_REQUESTS = 200_000;
        public static final int DEFAULT_WARMUP_REQUESTS = 20_000;
        public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);
        public static final int DEFAULT_BODY_BYTES = 1024;
        public static final int MAX_CONCURRENCY = 4096;
        /** The cache policy's default entry bound: a larger body would never be a hit. */
        public static final int MAX_BODY_BYTES = 1024 * 1024;

        public Options {
            requireNonNull(maxDuration, "maxDuration");
            List<String> problems = new ArrayList<>();
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                problems.add("concurrency: " + concurrency + " (expected: 1.." + MAX_CONCURRENCY + ")");
            }
            if (requests < 1) {
                problems.add("requests: " + requests + " (expected: >= 1)");
            }
            if (warmupRequests < 0) {
                problems.add("warmupRequests: " + warmupRequests + " (expected: >= 0)");
            }
            if (maxDuration.isNegative() || maxDuration.isZero()) {
                problems.add("maxDuration: " + maxDuration + " (expected: > 0)");
            }
            if (bodyBytes < 0 || bodyBytes > MAX_BODY_BYTES) {
                problems.add("bodyBytes: " + bodyBytes + " (expected: 0.." + MAX_BODY_BYTES + ")");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_CONCURRENCY,
                    DEFAULT_REQUESTS,
                    DEFAULT_WARMUP_REQUESTS,
                    DEFAULT_MAX_DURATION,
                    DEFAULT_BODY_BYTES);
        }
    }

    /** Runs the three scenarios in turn: direct, pass-through, cache-hit. */
    public static Report run(Options options) throws IOException, InterruptedException {
        requireNonNull(options, "options");
        Instant started = Instant.now();
        Report.Environment environment = Report.Environment.current();
        List<Report.Scenario> scenarios = new ArrayList<>();
        try (ThroughputUpstream upstream = ThroughputUpstream.start(options.bodyBytes());
                AgentServer agent =
                        AgentServer.start(ThroughputAgentConfig.of(upstream.port(), options.concurrency()))) {
            URI direct = base(upstream.port());
            URI proxied = base(agent.port(ThroughputAgentConfig.LISTENER));
            Runner runner = new Runner(options, upstream, agent);
            scenarios.add(runner.scenario(DIRECT, null, paths(direct, "/direct/k"), false));
            scenarios.add(
                    runner.scenario(PASS_THROUGH, ThroughputAgentConfig.PASS_RULE, paths(proxied, "/pass/k"), false));
            scenarios.add(runner.scenario(CACHE_HIT, ThroughputAgentConfig.HIT_RULE, paths(proxied, "/hit/k"), true));
        }
        return new Report(started.toString(), environment, options(options), scenarios);
    }

    private static Report.Settings options(Options options) {
        return new Report.Settings(
                options.concurrency(),
                options.requests(),
                options.warmupRequests(),
                options.maxDuration().toMillis(),
                options.bodyBytes(),
                KEYS);
    }

    private static URI base(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static List<URI> paths(URI base, String prefix) {
        List<URI> uris = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            uris.add(base.resolve(prefix + i));
        }
        return uris;
    }

    /** Prime, warm up, measure one scenario and read the agent's counters around the measurement. */
    private record Runner(Options options, ThroughputUpstream upstream, AgentServer agent) {

        Report.Scenario scenario(String name, String rule, List<URI> targets, boolean prime)
                throws InterruptedException {
            try (ThroughputLoad load = new ThroughputLoad(options.concurrency())) {
                if (prime) {
                    load.run(targets, targets.size(), options.maxDuration());
                }
                if (options.warmupRequests() > 0) {
                    load.run(targets, options.warmupRequests(), options.maxDuration());
                }
                Counters before = counters(rule);
                ThroughputCpu cpuBefore = ThroughputCpu.now();
                ThroughputLoad.Result result = load.run(targets, options.requests(), options.maxDuration());
                ThroughputCpu cpuAfter = ThroughputCpu.now();
                Counters after = settled(rule, before, result.requests());
                return Report.Scenario.of(
                        name, rule, options.requests(), result, after.minus(before), cpuAfter, cpuBefore);
            }
        }

        private Counters counters(String rule) {
            long received = upstream.received();
            if (rule == null) {
                return new Counters(0, 0, 0, received);
            }
            AgentStats stats = agent.stats();
            RouteStats route = stats.routes().get(rule);
            if (route == null) {
                throw new NoSuchElementException("agent stats: no route " + rule);
            }
            return new Counters(
                    route.requests().total(),
                    route.upstream().attempts(),
                    route.policies().cacheHits(),
                    received);
        }

        /** The counters once the agent has counted every measured request (or after a short bound). */
        private Counters settled(String rule, Counters before, long requests) throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE.toNanos();
            Counters now = counters(rule);
            while (rule != null && now.requests() - before.requests() < requests && System.nanoTime() < deadline) {
                Thread.sleep(10);
                now = counters(rule);
            }
            return now;
        }
    }

    /** The agent's counts for one rule and the upstream's own count of what it received. */
    record Counters(long requests, long upstreamAttempts, long cacheHits, long upstreamReceived) {

        Counters minus(Counters earlier) {
            return new Counters(
                    requests - earlier.requests,
                    upstreamAttempts - earlier.upstreamAttempts,
                    cacheHits - earlier.cacheHits,
                    upstreamReceived - earlier.upstreamReceived);
        }
    }

    /**
     * What a run measured, with the machine it ran on and its settings; JSON keys are the component
     * names (camelCase).
     *
     * @param startedAt ISO-8601 instant the run began
     */
    public record Report(String startedAt, Environment environment, Settings settings, List<Scenario> scenarios) {

        private static final ObjectMapper JSON =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

        public Report {
            requireNonNull(startedAt, "startedAt");
            requireNonNull(environment, "environment");
            requireNonNull(settings, "settings");
            scenarios = List.copyOf(scenarios);
        }

        /** The scenario of that name. */
        public Scenario scenario(String name) {
            return scenarios.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new NoSuchElementException("scenario: " + name));
        }

        /** A table for people: one line per scenario, then the machine. */
        public String table() {
            return ThroughputTable.format(this);
        }

        public void writeJson(Path file) throws IOException {
            requireNonNull(file, "file");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), this);
        }

        public String toJson() throws IOException {
            return JSON.writeValueAsString(this);
        }

        /**
         * One scenario's measured phase.
         *
         * @param requests requests sent in the measured phase (fewer than asked when maxDuration cut it)
         * @param stoppedByTime whether maxDuration ended the phase before all requests were sent
         * @param errors non-2XX answers and requests without an answer
         * @param cacheHitHeaders 2XX answers the client saw with X-Cache: HIT
         * @param agentRequests requests the agent counted on the scenario's rule (0 for direct)
         * @param upstreamAttempts upstream attempts the agent counted on the rule (0 for direct)
         * @param cacheHits cache hits the agent counted on the rule
         * @param upstreamReceived requests the upstream itself received during the phase
         * @param cpuMicrosPerRequest CPU this process (client, agent and upstream) spent per request, in
         *     microseconds; steadier than requests per second on a shared machine (-1 when unknown)
         * @param otherCpuSeconds CPU seconds other processes used during the phase (-1 when unknown); well
         *     above zero means the numbers were measured on a busy machine
         */
        public record Scenario(
                String name,
                String rule,
                long requests,
                boolean stoppedByTime,
                double seconds,
                double requestsPerSecond,
                double p50Ms,
                double p90Ms,
                double p99Ms,
                double p999Ms,
                double maxMs,
                long errors,
                long cacheHitHeaders,
                long agentRequests,
                long upstreamAttempts,
                long cacheHits,
                long upstreamReceived,
                double cpuMicrosPerRequest,
                double otherCpuSeconds) {

            static Scenario of(
                    String name,
                    String rule,
                    long asked,
                    ThroughputLoad.Result result,
                    Counters agent,
                    ThroughputCpu cpuAfter,
                    ThroughputCpu cpuBefore) {
                double seconds = result.nanos() / 1e9;
                double cpuSeconds = cpuAfter.processSecondsSince(cpuBefore);
                Histogram latency = result.latencyMicros();
                return new Scenario(
                        name,
                        rule,
                        result.requests(),
                        result.requests() < asked,
                        seconds,
                        seconds == 0 ? 0 : result.requests() / seconds,
                        millis(latency, 50),
                        millis(latency, 90),
                        millis(latency, 99),
                        millis(latency, 99.9),
                        latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0,
                        result.errors(),
                        result.cacheHitHeaders(),
                        agent.requests(),
                        agent.upstreamAttempts(),
                        agent.cacheHits(),
                        agent.upstreamReceived(),
                        cpuSeconds < 0 || result.requests() == 0 ? -1 : cpuSeconds * 1e6 / result.requests(),
                        cpuAfter.otherSecondsSince(cpuBefore));
            }

            private static double millis(Histogram latency, double percentile) {
                return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
            }
        }

        /**
         * The machine and JVM; client, agent and upstream share it.
         *
         * @param loadAverage the system's one-minute load average when the run began (-1 when unknown): well
         *     above zero means something else was using the processors
         */
        public record Environment(
                int availableProcessors,
                double loadAverage,
                long maxHeapMb,
                String javaVersion,
                String javaVm,
                String osName,
                String osArch) {

            static Environment current() {
                Runtime runtime = Runtime.getRuntime();
                return new Environment(
                        runtime.availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        runtime.maxMemory() / (1024 * 1024),
                        Runtime.version().toString(),
                        System.getProperty("java.vm.name", "?"),
                        System.getProperty("os.name", "?"),
                        System.getProperty("os.arch", "?"));
            }
        }

        /** The options the run used, and how many distinct paths each scenario cycled through. */
        public record Settings(
                int concurrency, int requests, int warmupRequests, long maxDurationMs, int bodyBytes, int keys) {}
    }
}
