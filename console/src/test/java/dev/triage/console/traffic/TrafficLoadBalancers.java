package dev.triage.console.traffic;

import static dev.triage.console.EdgeLoadBalancers.LEGACY;
import static dev.triage.console.EdgeLoadBalancers.REPLACEMENT;
import static dev.triage.console.EdgeLoadBalancers.RULE;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.util.Collections;
import java.util.List;

/**
 * The traffic screen's edge: a forward rule (priority 10, /hospitals*: legacy 100, replacement 0)
 * and the default rule (fixed 404); legacy has one of its two targets unhealthy.
 */
final class TrafficLoadBalancers {

    private TrafficLoadBalancers() {}

    static InMemoryLoadBalancers create() {
        InMemoryLoadBalancers lbs = EdgeLoadBalancers.withReplacement(
                EdgeLoadBalancers.withListener(new FixedResponse(404, "text/plain", "not here")));
        EdgeLoadBalancers.withRule(lbs, "/hospitals*", split(100, 0));
        return lbs.setHealth(
                        LEGACY,
                        List.of(
                                new TargetHealth("10.0.0.1", 80, TargetHealth.State.HEALTHY, null, null),
                                new TargetHealth(
                                        "10.0.0.2",
                                        80,
                                        TargetHealth.State.UNHEALTHY,
                                        "Target.Timeout",
                                        "request timed out")))
                .setHealth(
                        REPLACEMENT, List.of(new TargetHealth("10.0.1.1", 80, TargetHealth.State.HEALTHY, null, null)));
    }

    /** Someone else changes the rule's weights behind the console's back (one ModifyRule call). */
    static void setWeights(LoadBalancers lbs, int legacy, int replacement) {
        Rule rule = EdgeLoadBalancers.rule(lbs, RULE);
        lbs.modifyRule(RULE, rule.conditions(), List.of(split(legacy, replacement)));
    }

    /** The forward rule's action as read now. */
    static Forward forward(LoadBalancers lbs) {
        return (Forward) EdgeLoadBalancers.rule(lbs, RULE).action();
    }

    /** How many ModifyRule calls {@code lbs} has answered. */
    static int modifyCalls(InMemoryLoadBalancers lbs) {
        return Collections.frequency(lbs.calls(), "ModifyRule");
    }

    private static Forward split(int legacy, int replacement) {
        return new Forward(
                List.of(new WeightedTargetGroup(LEGACY, legacy), new WeightedTargetGroup(REPLACEMENT, replacement)),
                null);
    }
}
