package dev.triage.console.traffic.rules;

import static dev.triage.console.EdgeLoadBalancers.LEGACY;
import static dev.triage.console.EdgeLoadBalancers.REPLACEMENT;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.util.List;

/**
 * The rule editor's edge: a forward rule at priority 10 (/hospitals*, legacy 100, replacement 0)
 * and a default rule answering 404; every target healthy.
 */
final class RulesLoadBalancers {

    private RulesLoadBalancers() {}

    static InMemoryLoadBalancers create() {
        InMemoryLoadBalancers lbs = EdgeLoadBalancers.withReplacement(
                EdgeLoadBalancers.withListener(new FixedResponse(404, "text/plain", "not here")));
        EdgeLoadBalancers.withRule(
                lbs,
                "/hospitals*",
                new Forward(
                        List.of(new WeightedTargetGroup(LEGACY, 100), new WeightedTargetGroup(REPLACEMENT, 0)), null));
        List<TargetHealth> healthy = List.of(new TargetHealth("10.0.0.1", 80, TargetHealth.State.HEALTHY, null, null));
        return lbs.setHealth(LEGACY, healthy).setHealth(REPLACEMENT, healthy);
    }
}
