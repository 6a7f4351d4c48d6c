package dev.triage.core.security;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.core.domain.CoreException;
import dev.triage.core.fleet.ConfigChanges;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The agents' half of the CDN header: a rotation sets the values every route gate that requires the header accepts
 * ({@link #set}); requiring the header adds such a gate to the routes that forward without one ({@link #require}) and
 * its undo takes exactly those gates off again ({@link #unrequire}). All edits go through {@link ConfigChanges}.
 */
final class GateValues {

    private GateValues() {}

    /** Invalid (a FAILED outcome for that agent) when none of the agent's routes requires the header. */
    static UnaryOperator<AgentConfig> set(String headerName, List<String> values) {
        List<String> accepted = List.copyOf(values);
        return config -> {
            boolean found = config.listeners().stream()
                    .flatMap(listener -> listener.rules().stream())
                    .anyMatch(rule -> requires(rule, headerName));
            if (!found) {
                throw new CoreException.Invalid(
                        "config " + config.version(),
                        List.of("gates: no route requires header " + headerName
                                + " (expected: an agent whose gate requires it)"));
            }
            return ConfigChanges.eachRule(
                    config, rule -> requires(rule, headerName) ? accepting(rule, headerName, accepted) : rule);
        };
    }

    /**
     * The routes of {@code config} that {@link #require} gates: those that forward to a target group and whose gate
     * requires no header yet (a route requiring this header already, or another one, is left as it is), in order.
     */
    static List<String> ungated(AgentConfig config) {
        return config.listeners().stream()
                .flatMap(listener -> listener.rules().stream())
                .filter(GateValues::ungated)
                .map(Rule::name)
                .toList();
    }

    /**
     * Every route named in {@code routes} that is still {@link #ungated} gets a gate requiring the header with these
     * values; the rest of each route's policy stays. Routes no longer there or gated meanwhile are left alone.
     */
    static UnaryOperator<AgentConfig> require(String headerName, List<String> values, Set<String> routes) {
        List<String> accepted = List.copyOf(values);
        Set<String> named = Set.copyOf(routes);
        return config -> ConfigChanges.eachRule(
                config,
                rule -> named.contains(rule.name()) && ungated(rule) ? accepting(rule, headerName, accepted) : rule);
    }

    /** Of the routes named in {@code routes}, those whose gate in {@code config} requires the header, in order. */
    static List<String> requiring(AgentConfig config, String headerName, Set<String> routes) {
        return config.listeners().stream()
                .flatMap(listener -> listener.rules().stream())
                .filter(rule -> routes.contains(rule.name()) && requires(rule, headerName))
                .map(Rule::name)
                .toList();
    }

    /** The inverse of {@link #require}: the named routes' gates on the header no longer require it. */
    static UnaryOperator<AgentConfig> unrequire(String headerName, Set<String> routes) {
        Set<String> named = Set.copyOf(routes);
        return config -> ConfigChanges.eachRule(
                config,
                rule -> named.contains(rule.name()) && requires(rule, headerName) ? withGate(rule, null) : rule);
    }

    private static boolean ungated(Rule rule) {
        GatePolicy gates = rule.policy().gates();
        return rule.action() != null
                && Action.FORWARD.equals(rule.action().type())
                && (gates == null
                        || gates.requiredHeader() == null
                        || gates.requiredHeader().name() == null);
    }

    private static boolean requires(Rule rule, String headerName) {
        GatePolicy gates = rule.policy() == null ? null : rule.policy().gates();
        return gates != null
                && gates.requiredHeader() != null
                && headerName.equalsIgnoreCase(gates.requiredHeader().name());
    }

    private static Rule accepting(Rule rule, String headerName, List<String> accepted) {
        GatePolicy.RequiredHeader current =
                rule.policy().gates() == null ? null : rule.policy().gates().requiredHeader();
        String name = current == null || current.name() == null ? headerName : current.name();
        return withGate(rule, new GatePolicy.RequiredHeader(name, accepted));
    }

    private static Rule withGate(Rule rule, GatePolicy.RequiredHeader required) {
        RoutePolicy p = rule.policy();
        GatePolicy gates = p.gates();
        GatePolicy changed = gates == null
                ? new GatePolicy(required, false, 0, null)
                : new GatePolicy(required, gates.requireBasicAuth(), gates.maxBodyBytes(), gates.allowedMethods());
        if (required == null
                && !changed.requireBasicAuth()
                && changed.maxBodyBytes() == 0
                && changed.allowedMethods().isEmpty()) {
            changed = null; // nothing left to check: as the route read before a gate was added
        }
        return ConfigChanges.withPolicy(rule, new RoutePolicy(p.retry(), p.hedge(), p.cache(), changed));
    }
}
