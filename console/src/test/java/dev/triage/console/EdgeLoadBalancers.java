package dev.triage.console;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.List;

/**
 * The console tests' load balancer "edge" in core's contract-tested {@link InMemoryLoadBalancers}:
 * one internet-facing load balancer with one HTTP listener on port 80, seeded by each test package
 * with the target groups and the rule it needs.
 */
public final class EdgeLoadBalancers {

    public static final String LB = "arn:lb/app/edge/1";
    public static final String LISTENER = "arn:listener/app/edge/1/80";
    /** The listener's default rule, as the in-memory fake names it. */
    public static final String DEFAULT_RULE = LISTENER + "/default";
    /** The first rule {@link #withRule} creates. */
    public static final String RULE = LISTENER + "/rule-1";

    public static final String LEGACY = "arn:targetgroup/legacy/1";
    public static final String REPLACEMENT = "arn:targetgroup/replacement/2";

    private EdgeLoadBalancers() {}

    /** The load balancer, its target group {@code legacy} and the listener whose default rule does {@code defaultAction}. */
    public static InMemoryLoadBalancers withListener(Action defaultAction) {
        return new InMemoryLoadBalancers()
                .add(loadBalancer(LB))
                .add(group(LEGACY, "legacy"))
                .add(new Listener(LISTENER, LB, Protocol.HTTP, 80, List.of(), null, List.of(defaultAction)));
    }

    /** An internet-facing application load balancer named edge, in account 123456789012, eu-west-1. */
    public static LoadBalancer loadBalancer(String arn) {
        return new LoadBalancer(
                arn,
                "edge",
                "edge.example",
                LoadBalancer.Scheme.INTERNET_FACING,
                LoadBalancer.Type.APPLICATION,
                null,
                LoadBalancer.State.ACTIVE,
                new Place("123456789012", "eu-west-1"));
    }

    /** Adds the target group {@code replacement}. */
    public static InMemoryLoadBalancers withReplacement(InMemoryLoadBalancers lbs) {
        return lbs.add(group(REPLACEMENT, "replacement"));
    }

    /** Creates the listener's first rule, {@link #RULE}: priority 10, paths {@code path}, doing {@code action}. */
    public static InMemoryLoadBalancers withRule(InMemoryLoadBalancers lbs, String path, Action action) {
        Rule rule = lbs.createRule(LISTENER, RulePriority.of(10), List.of(PathPattern.of(path)), List.of(action));
        if (!rule.arn().equals(RULE)) {
            throw new IllegalStateException("first rule: " + rule.arn() + " (expected: " + RULE + ")");
        }
        return lbs;
    }

    /** The rule {@code arn} on the listener as {@code lbs} reads it now. */
    public static Rule rule(LoadBalancers lbs, String arn) {
        return lbs.rules(LISTENER).stream()
                .filter(r -> r.arn().equals(arn))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + arn));
    }

    private static TargetGroup group(String arn, String name) {
        TargetGroup.HealthCheck check = new TargetGroup.HealthCheck(
                Protocol.HTTP, "/", "traffic-port", Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, "200");
        return new TargetGroup(arn, name, Protocol.HTTP, 80, false, null, check, List.of(LB));
    }
}
