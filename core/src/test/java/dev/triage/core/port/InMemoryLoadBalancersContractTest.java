package dev.triage.core.port;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LB;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;

import dev.triage.core.contract.LoadBalancersContract;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetHealth;
import java.util.List;
import java.util.Map;

/** The contract against the in-memory fake the change tests use, so it cannot drift from the adapters. */
class InMemoryLoadBalancersContractTest extends LoadBalancersContract {

    @Override
    protected World seed() {
        InMemoryLoadBalancers lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(new SslPolicy(Samples.POLICY, List.of("TLSv1.2", "TLSv1.3"), List.of()))
                .add(Samples.httpListener())
                .setHealth(LEGACY, List.of(new TargetHealth("10.0.1.1", 8080, TargetHealth.State.HEALTHY, null, null)))
                .setHealth(
                        REPLACEMENT,
                        List.of(new TargetHealth(
                                "10.0.2.1",
                                8080,
                                TargetHealth.State.UNHEALTHY,
                                "Target.FailedHealthChecks",
                                "Health checks failed")));
        Rule web = lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(20),
                List.of(PathPattern.of("/web/*")),
                List.of(Forward.to(REPLACEMENT)));
        Rule api = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(100, 0)));
        return new World(
                lbs,
                LB,
                HTTP_LISTENER,
                80,
                api.arn(),
                web.arn(),
                HTTP_LISTENER + "/default",
                LEGACY,
                REPLACEMENT,
                Map.of(LEGACY, List.of("10.0.1.1:8080"), REPLACEMENT, List.of("10.0.2.1:8080")));
    }

    @Override
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.SUPPORTED;
    }
}
