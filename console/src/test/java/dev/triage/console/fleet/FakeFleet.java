package dev.triage.console.fleet;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.ConfigValidator;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/** An in-memory fleet: configs per agent, the agents' validation, If-Match-free pushes, agents that go down. */
public final class FakeFleet implements AgentFleet {

    private final Map<String, AgentConfig> configs = new LinkedHashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private final Map<String, String> desired = new HashMap<>();
    private final Map<String, Boolean> down = new HashMap<>();
    private final Map<String, List<ConfigError>> rejects = new HashMap<>();
    final List<String> validated = new ArrayList<>();
    int updates;

    public FakeFleet agent(String name, String role, AgentConfig config) {
        configs.put(name, config);
        roles.put(name, role);
        return this;
    }

    public void down(String name, boolean isDown) {
        down.put(name, isDown);
    }

    /** The agent rejects every config with this error (beyond the shared validation). */
    void rejects(String name, ConfigError error) {
        rejects.put(name, List.of(error));
    }

    public AgentConfig running(String name) {
        return configs.get(name);
    }

    @Override
    public List<AgentInfo> agents() {
        List<AgentInfo> out = new ArrayList<>();
        for (var e : configs.entrySet()) {
            String name = e.getKey();
            if (down.getOrDefault(name, false)) {
                out.add(new AgentInfo(
                        name,
                        roles.get(name),
                        "127.0.0.1:1",
                        false,
                        "connection refused",
                        null,
                        null,
                        null,
                        desired.containsKey(name) ? Drift.UNKNOWN : Drift.NO_DESIRED_CONFIG,
                        Traffic.UNKNOWN));
                continue;
            }
            String hash = ConfigCodec.hash(e.getValue());
            Drift drift = !desired.containsKey(name)
                    ? Drift.NO_DESIRED_CONFIG
                    : desired.get(name).equals(hash) ? Drift.IN_SYNC : Drift.DRIFTED;
            out.add(new AgentInfo(
                    name,
                    roles.get(name),
                    "127.0.0.1:1",
                    true,
                    null,
                    "0.1.0",
                    e.getValue().version(),
                    hash,
                    drift,
                    new Traffic(4.25, OptionalDouble.of(0.995), OptionalDouble.of(0.5), Duration.ofSeconds(2))));
        }
        return out;
    }

    @Override
    public AgentConfig config(String agentName) {
        if (down.getOrDefault(agentName, false)) {
            throw new CoreException.Unavailable("agent " + agentName, "connection refused", null);
        }
        return configs.get(agentName);
    }

    @Override
    public List<ConfigError> validate(String agentName, AgentConfig config) {
        validated.add(agentName);
        List<ConfigError> errors = new ArrayList<>(ConfigValidator.validate(config));
        errors.addAll(rejects.getOrDefault(agentName, List.of()));
        return errors;
    }

    @Override
    public List<PushResult> push(
            List<String> agentNames, AgentConfig config, boolean rolling, Map<String, String> expectedHashes) {
        return update(agentNames, c -> config, rolling);
    }

    @Override
    public List<PushResult> update(List<String> agentNames, UnaryOperator<AgentConfig> change, boolean rolling) {
        updates++;
        List<PushResult> out = new ArrayList<>();
        boolean stopped = false;
        for (String name : agentNames) {
            if (stopped) {
                out.add(PushResult.skipped(name));
                continue;
            }
            if (down.getOrDefault(name, false)) {
                out.add(PushResult.failed(
                        name, new CoreException.Unavailable("agent " + name, "connection refused", null), List.of()));
                stopped = rolling;
                continue;
            }
            AgentConfig changed;
            try {
                changed = change.apply(configs.get(name));
            } catch (CoreException.Invalid e) {
                out.add(PushResult.failed(name, e, List.of()));
                stopped = rolling;
                continue;
            }
            List<ConfigError> errors = validate(name, changed);
            if (!errors.isEmpty()) {
                out.add(PushResult.failed(
                        name,
                        new CoreException.Invalid(
                                "config",
                                errors.stream().map(ConfigError::toString).toList()),
                        errors));
                stopped = rolling;
                continue;
            }
            configs.put(name, changed);
            desired.put(name, ConfigCodec.hash(changed));
            out.add(PushResult.applied(name, changed.version(), ConfigCodec.hash(changed)));
        }
        return out;
    }

    @Override
    public void desire(String agentName, AgentConfig config) {
        desired.put(agentName, ConfigCodec.hash(config));
    }
}
