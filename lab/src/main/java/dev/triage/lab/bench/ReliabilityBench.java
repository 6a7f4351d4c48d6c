package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.server.AgentServer;
import dev.triage.lab.agent.HospAgentConfig;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.HospOptions;
import dev.triage.lab.hosp.HospSimulator;
import dev.triage.lab.hosp.HospStats;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The proof of Triage's first promise: the same seeded staff traffic against the HOSP simulator, once
 * directly and once through one agent with the documented HOSP policy. Each run gets a fresh simulator
 * with the same seed, so both meet the same fault timeline.
 */
public final class ReliabilityBench {

    /** Clients wait this long (scaled) before giving up: longer than the agent's deadlines. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    static final int WARM_UP_REQUESTS = 2_000;
    private static final long WARM_UP_SEED = 0x5EED;

    private ReliabilityBench() {}

    public record Options(
            int requests, long seed, double timeScale, int concurrency, FailureProfile profile, Path accessLog) {
        public Options {
            if (requests < 1) {
                throw new IllegalArgumentException("requests: " + requests + " (expected: 1 or more)");
            }
            if (!(timeScale > 0 && timeScale <= 1)) {
                throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0 and <= 1)");
            }
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: 1..1024)");
            }
            requireNonNull(profile, "profile");
        }
    }

    public static ReliabilityReport run(Options options) throws IOException, InterruptedException {
        List<Operation> plan = TrafficPlan.generate(options.seed(), options.requests(), Population.HOSP_SEED);
        Duration clientTimeout = scaled(CLIENT_TIMEOUT, options.timeScale());
        HospOptions hosp = HospOptions.defaults()
                .withProfile(options.profile())
                .withTimeScale(options.timeScale())
                .withSeed(options.seed());

        warmUp(options);
        ReliabilityReport.Side direct;
        ReliabilityReport.Upstream upstreamDirect;
        try (HospSimulator simulator = HospSimulator.start(hosp);
                LoadRunner runner = new LoadRunner(options.concurrency(), clientTimeout)) {
            RunResult result = runner.run(simulator.baseUri(), plan);
            direct = ReliabilityReport.Side.of(result, simulator.ledger().duplicates(), null);
            HospStats.Snapshot seen = simulator.stats().snapshot();
            long refused = result.reads().noResponse()
                    + result.writes().noResponse()
                    - seen.outageRejections()
                    - seen.resets()
                    - seen.stalls();
            upstreamDirect = new ReliabilityReport.Upstream(
                    seen.attempts() + Math.max(0, refused), seen.failed() + Math.max(0, refused), seen.p99Ms());
        }

        try (HospSimulator simulator = HospSimulator.start(hosp);
                AgentServer agent = AgentServer.start(HospAgentConfig.forLab(
                        "127.0.0.1", simulator.port(), "127.0.0.1", 0, options.timeScale(), options.accessLog()));
                LoadRunner runner = new LoadRunner(options.concurrency(), clientTimeout)) {
            URI base = HospAgentConfig.trafficUri(agent);
            RunResult result = runner.run(base, plan);
            AgentStats stats = agent.stats();
            HospStats.Snapshot upstream = simulator.stats().snapshot();
            long refused = stats.totals().upstream().failuresByKind().getOrDefault("CONNECT_FAILURE", 0L);
            return new ReliabilityReport(
                    options.profile().name(),
                    options.requests(),
                    options.seed(),
                    options.timeScale(),
                    options.concurrency(),
                    new ReliabilityReport.Upstream(
                            upstream.attempts() + refused, upstream.failed() + refused, upstream.p99Ms()),
                    upstreamDirect,
                    direct,
                    ReliabilityReport.Side.of(result, simulator.ledger().duplicates(), agentCounts(stats)));
        }
    }

    /**
     * Runs the code paths once against a fault-free simulator, unmeasured. At time scale 0.01 a JVM's
     * first half second of class loading and JIT compilation is 50 simulated seconds, a cost that
     * does not exist at time scale 1, so both measured runs start warm.
     */
    static void warmUp(Options options) throws IOException, InterruptedException {
        List<Operation> plan =
                TrafficPlan.generate(options.seed() ^ WARM_UP_SEED, WARM_UP_REQUESTS, Population.HOSP_SEED);
        HospOptions calm = HospOptions.defaults()
                .withProfile(FailureProfile.none())
                .withTimeScale(options.timeScale())
                .withSeed(options.seed());
        try (HospSimulator simulator = HospSimulator.start(calm);
                AgentServer agent = AgentServer.start(
                        HospAgentConfig.forLab("127.0.0.1", simulator.port(), "127.0.0.1", 0, options.timeScale()));
                LoadRunner runner =
                        new LoadRunner(options.concurrency(), scaled(CLIENT_TIMEOUT, options.timeScale()))) {
            runner.run(simulator.baseUri(), plan);
            runner.run(HospAgentConfig.trafficUri(agent), plan);
        }
    }

    private static ReliabilityReport.AgentCounts agentCounts(AgentStats stats) {
        PolicyCounts policies = stats.totals().policies();
        return new ReliabilityReport.AgentCounts(
                policies.retries(),
                policies.hedges(),
                policies.budgetRefusals(),
                policies.writesHeld(),
                policies.cacheHits(),
                policies.cacheStale());
    }

    private static Duration scaled(Duration duration, double timeScale) {
        return Duration.ofMillis(Math.max(1_000, Math.round(duration.toMillis() * timeScale)));
    }
}
