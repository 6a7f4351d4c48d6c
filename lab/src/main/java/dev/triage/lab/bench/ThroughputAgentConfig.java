package dev.triage.lab.bench;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.ConfigValidator;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import java.util.List;

/**
 * The agent config the throughput bench runs: one loopback listener on an ephemeral port, rule
 * {@value #HIT_RULE} caching {@code /hit/*} for ten minutes with a single attempt, rule
 * {@value #PASS_RULE} forwarding {@code /pass/*} uncached with up to two attempts, both to one fast
 * upstream. No access log: the bench measures the data path.
 */
final class ThroughputAgentConfig {

    static final String LISTENER = "bench";
    static final String HIT_RULE = "hit";
    static final String PASS_RULE = "pass";
    static final String GROUP = "fast";

    private static final int CACHE_TTL_MS = 10 * 60 * 1000;
    private static final int PER_TRY_TIMEOUT_MS = 5_000;
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private ThroughputAgentConfig() {}

    /**
     * The config, validated.
     *
     * @param connections the agent's connection bound to the upstream (at least the client concurrency)
     */
    static AgentConfig of(int upstreamPort, int connections) {
        Rule hit = new Rule(
                HIT_RULE,
                10,
                List.of(pathPattern("/hit/*")),
                Action.forwardTo(GROUP),
                new RoutePolicy(retry(1), null, new CachePolicy(CACHE_TTL_MS, 0, 0, false, 0), null));
        Rule pass = new Rule(
                PASS_RULE,
                20,
                List.of(pathPattern("/pass/*")),
                Action.forwardTo(GROUP),
                new RoutePolicy(retry(2), null, null, null));
        Listener listener = new Listener(
                LISTENER,
                Listener.HTTP,
                "127.0.0.1",
                0,
                List.of(hit, pass),
                Action.fixed(404, "text/plain", "no route"));
        TargetGroup group = new TargetGroup(
                GROUP,
                List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)),
                CONNECT_TIMEOUT_MS,
                Math.max(TargetGroup.DEFAULT_MAX_CONNECTIONS_PER_TARGET, connections),
                0,
                null);
        AgentConfig config =
                new AgentConfig("throughput-bench", List.of(listener), List.of(group), null, AccessLog.OFF);
        // the validator wants a real port; AgentServer binds an ephemeral one for 0
        List<ConfigError> errors = ConfigValidator.validate(config).stream()
                .filter(error -> !error.field().equals("listeners[0].port"))
                .toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("throughput bench config is invalid: " + errors);
        }
        return config;
    }

    private static Condition pathPattern(String pattern) {
        return new Condition(Condition.PATH_PATTERN, null, List.of(pattern), null);
    }

    /** Default retry conditions and budget; backoffs of 1..5 ms; a per-try timeout well above a fast answer. */
    private static RetryPolicy retry(int maxAttempts) {
        return new RetryPolicy(
                maxAttempts,
                PER_TRY_TIMEOUT_MS,
                PER_TRY_TIMEOUT_MS * maxAttempts,
                1,
                5,
                null,
                false,
                null,
                null,
                false,
                0);
    }
}
