package dev.triage.agent.server;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import java.util.List;

/** Agent configs for tests: one listener "main" on an ephemeral loopback port. */
final class Configs {

    static final String LISTENER = "main";
    static final String GROUP = "upstream";

    private Configs() {}

    /** Every path forwards to one upstream under rule "api" with the policy; anything else is a 404. */
    static AgentConfig forwardAll(String version, int upstreamPort, RoutePolicy policy) {
        return forward(version, upstreamPort, policy, 1_000, AccessLog.OFF);
    }

    static AgentConfig forward(
            String version, int upstreamPort, RoutePolicy policy, int connectTimeoutMs, AccessLog accessLog) {
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                Action.forwardTo(GROUP),
                policy);
        Listener listener = new Listener(
                LISTENER, "HTTP", "127.0.0.1", 0, List.of(api), Action.fixed(404, "text/plain", "no route"));
        TargetGroup group = new TargetGroup(
                GROUP, List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), connectTimeoutMs, 0, 0, null);
        return new AgentConfig(version, List.of(listener), List.of(group), null, accessLog);
    }

    /** A retry policy with tiny backoffs and a generous budget. */
    static RetryPolicy retry(int maxAttempts, int perTryTimeoutMs, List<String> retryOn) {
        return new RetryPolicy(
                maxAttempts,
                perTryTimeoutMs,
                perTryTimeoutMs * maxAttempts + 1_000,
                1,
                5,
                retryOn,
                false,
                new RetryPolicy.Budget(1.0, 100),
                null,
                false,
                0);
    }
}
