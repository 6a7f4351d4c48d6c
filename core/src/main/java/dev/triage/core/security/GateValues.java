package dev.triage.core.security;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.core.domain.CoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The agent half of a rotation: every route gate that requires the header accepts exactly these values. */
final class GateValues {

    private GateValues() {}

    /** Invalid (a FAILED outcome for that agent) when none of the agent's routes requires the header. */
    static UnaryOperator<AgentConfig> set(String headerName, List<String> values) {
        List<String> accepted = List.copyOf(values);
        return config -> {
            boolean found = false;
            List<Listener> listeners = new ArrayList<>();
            for (Listener listener : config.listeners()) {
                List<Rule> rules = new ArrayList<>();
                for (Rule rule : listener.rules()) {
                    GatePolicy gates =
                            rule.policy() == null ? null : rule.policy().gates();
                    if (gates != null
                            && gates.requiredHeader() != null
                            && headerName.equalsIgnoreCase(
                                    gates.requiredHeader().name())) {
                        found = true;
                        GatePolicy changed = new GatePolicy(
                                new GatePolicy.RequiredHeader(
                                        gates.requiredHeader().name(), accepted),
                                gates.requireBasicAuth(),
                                gates.maxBodyBytes(),
                                gates.allowedMethods());
                        RoutePolicy p = rule.policy();
                        rules.add(new Rule(
                                rule.name(),
                                rule.priority(),
                                rule.conditions(),
                                rule.action(),
                                new RoutePolicy(p.retry(), p.hedge(), p.cache(), changed)));
                    } else {
                        rules.add(rule);
                    }
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
            if (!found) {
                throw new CoreException.Invalid(
                        "config " + config.version(),
                        List.of("gates: no route requires header " + headerName
                                + " (expected: an agent whose gate requires it)"));
            }
            return config.withListeners(listeners);
        };
    }
}
