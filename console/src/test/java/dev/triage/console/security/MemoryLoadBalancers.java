package dev.triage.console.security;

import static dev.triage.console.EdgeLoadBalancers.LEGACY;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.util.List;

/** The security screen's edge: a forward rule at priority 10 (/patients*) and a default rule that forwards too. */
final class MemoryLoadBalancers {

    private MemoryLoadBalancers() {}

    static InMemoryLoadBalancers create() {
        Forward forward = new Forward(List.of(new WeightedTargetGroup(LEGACY, 1)), null);
        return EdgeLoadBalancers.withRule(EdgeLoadBalancers.withListener(forward), "/patients*", forward);
    }
}
