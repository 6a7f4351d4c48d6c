package dev.triage.agent.api.config;

import java.util.List;

/**
 * A routing rule: all conditions must match (AND; values inside one condition are OR), then the
 * action runs with the rule's policy.
 *
 * @param name unique across the config; names the route in stats, logs and metrics
 * @param priority 1..50,000, unique within a listener; lower is evaluated first
 */
public record Rule(String name, int priority, List<Condition> conditions, Action action, RoutePolicy policy) {

    public Rule {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        policy = policy == null ? RoutePolicy.NONE : policy;
    }
}
