package dev.triage.core.security;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Agents in memory: update applies the change unless the agent is failing (Unavailable). */
final class FakeFleet implements AgentFleet {
    final Map<String, AgentConfig> configs;
    final Set<String> failing = new HashSet<>();
    /** Agents that apply this many more updates, then fail like {@link #failing} ones. */
    final Map<String, Integer> failAfter = new java.util.HashMap<>();

    final List<List<String>> updates = new java.util.ArrayList<>();
    /** Agents that apply their next update and then "the process dies" ({@link ProcessDied}) before it is answered. */
    final Set<String> dieAfterApplying = new HashSet<>();
    /** Agents whose config cannot be read (Unavailable). */
    final Set<String> unreadable = new HashSet<>();

    /** Stands for a kill -9 in a test: nothing catches an Error, so no code after it runs. */
    static final class ProcessDied extends Error {
        ProcessDied(String where) {
            super("process died " + where);
        }
    }

    FakeFleet(Map<String, AgentConfig> configs) {
        this.configs = new LinkedHashMap<>(configs);
    }

    List<String> gateValues(String agent) {
        return configs.get(agent)
                .listeners()
                .getFirst()
                .rules()
                .getFirst()
                .policy()
                .gates()
                .requiredHeader()
                .values();
    }

    @Override
    public List<PushResult> update(List<String> agentNames, UnaryOperator<AgentConfig> change, boolean rolling) {
        updates.add(List.copyOf(agentNames));
        return agentNames.stream()
                .map(name -> {
                    Integer more = failAfter.computeIfPresent(name, (k, n) -> n - 1);
                    if (failing.contains(name) || (more != null && more < 0)) {
                        return PushResult.failed(
                                name, new CoreException.Unavailable(name, "connection refused", null), List.of());
                    }
                    configs.put(name, change.apply(configs.get(name)));
                    if (dieAfterApplying.contains(name)) {
                        throw new ProcessDied("after agent " + name + " applied its update");
                    }
                    return PushResult.applied(name, "v1", "hash-" + name);
                })
                .toList();
    }

    @Override
    public List<AgentInfo> agents() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentConfig config(String agentName) {
        if (unreadable.contains(agentName)) {
            throw new CoreException.Unavailable(agentName, "connection refused", null);
        }
        return configs.get(agentName);
    }

    @Override
    public List<ConfigError> validate(String agentName, AgentConfig config) {
        return List.of();
    }

    @Override
    public List<PushResult> push(
            List<String> agentNames, AgentConfig config, boolean rolling, Map<String, String> expectedHashes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void desire(String agentName, AgentConfig desired) {}
}
