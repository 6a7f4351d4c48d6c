package dev.triage.agent.route;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.gate.Gate;

/**
 * The route a request took: a rule, or the listener's default. Built once per rule when the config
 * is compiled; matching returns these shared instances.
 *
 * @param name the rule's name, or {@value Router#DEFAULT_ROUTE} for the listener's default action
 * @param policy the rule's policy ({@link RoutePolicy#NONE} for the default)
 * @param action the compiled action
 * @param gate the compiled gates of {@code policy.gates()} ({@link Gate#OPEN} when none)
 */
public record RouteMatch(String name, RoutePolicy policy, RouteAction action, Gate gate) {

    public RouteMatch {
        requireNonNull(name, "name");
        requireNonNull(policy, "policy");
        requireNonNull(action, "action");
        requireNonNull(gate, "gate");
    }

    public boolean isDefault() {
        return Router.DEFAULT_ROUTE.equals(name);
    }
}
