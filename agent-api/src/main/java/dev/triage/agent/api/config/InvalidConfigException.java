package dev.triage.agent.api.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A config that cannot be used, with every problem found in it (never empty). */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in document order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String message(List<ConfigError> errors) {
        requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors: [] (expected: at least one error)");
        }
        StringBuilder message = new StringBuilder("invalid config: ")
                .append(errors.size())
                .append(errors.size() == 1 ? " problem" : " problems");
        for (ConfigError error : errors) {
            message.append(System.lineSeparator()).append("  ").append(error);
        }
        return message.toString();
    }
}
