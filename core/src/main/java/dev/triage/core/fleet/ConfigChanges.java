package dev.triage.core.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.core.domain.CoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Changes for {@link AdminApiFleet#update}, applied to each agent's own config: the edits the Fleet
 * screen's config editor makes.
 */
public final class ConfigChanges {

    private ConfigChanges() {}

    /** Sets the config's version label. */
    public static UnaryOperator<AgentConfig> version(String version) {
        requireNonNull(version, "version");
        return config -> config.withVersion(version);
    }

    /**
     * Sets the policy (retry, hedge, cache, gates) of every rule named {@code rule}, in whichever listener;
     * Invalid for an agent that has no such rule.
     */
    public static UnaryOperator<AgentConfig> routePolicy(String rule, RoutePolicy policy) {
        requireNonNull(rule, "rule");
        requireNonNull(policy, "policy");
        return config -> {
            boolean found = config.listeners().stream()
                    .flatMap(listener -> listener.rules().stream())
                    .anyMatch(r -> r.name().equals(rule));
            if (!found) {
                throw new CoreException.Invalid(
                        "config " + config.version(), List.of("rule: " + rule + " (expected: a rule of this agent)"));
            }
            return eachRule(config, r -> r.name().equals(rule) ? withPolicy(r, policy) : r);
        };
    }

    /** {@code config} with every rule of every listener replaced by {@code change}'s answer for it. */
    public static AgentConfig eachRule(AgentConfig config, UnaryOperator<Rule> change) {
        requireNonNull(config, "config");
        requireNonNull(change, "change");
        List<Listener> listeners = new ArrayList<>();
        for (Listener listener : config.listeners()) {
            List<Rule> rules = new ArrayList<>();
            for (Rule rule : listener.rules()) {
                rules.add(change.apply(rule));
            }
            listeners.add(new Listener(
                    listener.name(),
                    listener.protocol(),
                    listener.bindAddress(),
                    listener.port(),
                    rules,
                    listener.defaultAction(),
                    listener.tls()));
        }
        return config.withListeners(listeners);
    }

    /** {@code rule} with {@code policy} instead of its own. */
    public static Rule withPolicy(Rule rule, RoutePolicy policy) {
        return new Rule(rule.name(), rule.priority(), rule.conditions(), rule.action(), policy);
    }

    /** One change after the other. */
    public static UnaryOperator<AgentConfig> both(UnaryOperator<AgentConfig> first, UnaryOperator<AgentConfig> then) {
        requireNonNull(first, "first");
        requireNonNull(then, "then");
        return config -> then.apply(first.apply(config));
    }
}
