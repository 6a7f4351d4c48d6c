package dev.triage.console.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.ConfigValidator;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.core.fleet.ConfigChanges;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One edit the Fleet screen pushes: a route's new policy, and each agent's config version moved on
 * ({@code hosp-default-1} becomes {@code hosp-default-2}), applied to each agent's own config.
 */
record FleetEdit(String route, RoutePolicy policy) {

    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

    FleetEdit {
        requireNonNull(route, "route");
        requireNonNull(policy, "policy");
    }

    /** The change {@code AgentFleet.update} applies to each agent's config. */
    UnaryOperator<AgentConfig> change() {
        return ConfigChanges.both(
                ConfigChanges.routePolicy(route, policy), config -> config.withVersion(nextVersion(config.version())));
    }

    /** The version after {@code version}: its trailing number plus one, else {@code version-2}. */
    static String nextVersion(String version) {
        requireNonNull(version, "version");
        Matcher m = TRAILING_NUMBER.matcher(version);
        if (m.matches() && m.group(2).length() < 18) {
            return m.group(1) + (Long.parseLong(m.group(2)) + 1);
        }
        return version + "-2";
    }

    /** The route's policy in {@code config}, if it has the route. */
    static Optional<RoutePolicy> policyIn(AgentConfig config, String route) {
        for (Listener listener : config.listeners()) {
            for (Rule rule : listener.rules()) {
                if (rule.name().equals(route)) {
                    return Optional.of(rule.policy());
                }
            }
        }
        return Optional.empty();
    }

    /** The route names of a config, in listener and rule order. */
    static List<String> routes(AgentConfig config) {
        return config.listeners().stream()
                .flatMap(l -> l.rules().stream())
                .map(Rule::name)
                .toList();
    }

    /**
     * What the agents' own validation says of {@code config} with this edit, checked here as the agent
     * would: every problem, with the rule's path shortened to the policy's ({@code retry.maxAttempts:
     * 11 (expected: 1..10)}).
     */
    List<String> problemsIn(AgentConfig config) {
        AgentConfig changed = change().apply(config);
        return ConfigValidator.validate(changed).stream().map(FleetEdit::words).toList();
    }

    /** An agent's validation error in the form's words: the path from the policy on. */
    static String words(ConfigError error) {
        String field = error.field();
        int at = field.indexOf(".policy.");
        String shortField = at < 0 ? field : field.substring(at + ".policy.".length());
        return new ConfigError(shortField, error.value(), error.expected()).toString();
    }
}
