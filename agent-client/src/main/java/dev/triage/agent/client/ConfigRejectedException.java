package dev.triage.agent.client;

import dev.triage.agent.api.config.ConfigError;
import java.util.List;

/** The agent refused a config (400) and changed nothing; {@link #errors()} holds every problem it found. */
public final class ConfigRejectedException extends AgentClientException {

    private final List<ConfigError> errors;

    public ConfigRejectedException(AgentEndpoint agent, List<ConfigError> errors) {
        super(agent, message(errors), null);
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in the order the agent reported them. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String message(List<ConfigError> errors) {
        StringBuilder message = new StringBuilder("the agent rejected the config (")
                .append(errors.size())
                .append(errors.size() == 1 ? " problem)" : " problems)");
        for (ConfigError error : errors) {
            message.append(System.lineSeparator()).append("  ").append(error);
        }
        return message.toString();
    }
}
