package dev.triage.core.security;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.core.domain.CoreException;
import dev.triage.core.fleet.ConfigChanges;
import java.util.List;
import java.util.function.UnaryOperator;

/** The agent half of a rotation: every route gate that requires the header accepts exactly these values. */
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
                    config, rule -> requires(rule, headerName) ? accepting(rule, accepted) : rule);
        };
    }

    private static boolean requires(Rule rule, String headerName) {
        GatePolicy gates = rule.policy() == null ? null : rule.policy().gates();
        return gates != null
                && gates.requiredHeader() != null
                && headerName.equalsIgnoreCase(gates.requiredHeader().name());
    }

    private static Rule accepting(Rule rule, List<String> accepted) {
        RoutePolicy p = rule.policy();
        GatePolicy gates = p.gates();
        GatePolicy changed = new GatePolicy(
                new GatePolicy.RequiredHeader(gates.requiredHeader().name(), accepted),
                gates.requireBasicAuth(),
                gates.maxBodyBytes(),
                gates.allowedMethods());
        return ConfigChanges.withPolicy(rule, new RoutePolicy(p.retry(), p.hedge(), p.cache(), changed));
    }
}
