package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.ConfigError;
import java.util.List;

/**
 * The agent's verdict on a config it was asked to check (nothing is applied).
 *
 * @param valid true when the agent would accept it
 * @param errors every problem found; empty exactly when valid
 */
public record ValidationResult(boolean valid, List<ConfigError> errors) {

    public static final ValidationResult VALID = new ValidationResult(true, List.of());

    public ValidationResult {
        errors = List.copyOf(requireNonNull(errors, "errors"));
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException("errors: " + errors.size() + " for valid=" + valid
                    + " (expected: none when valid, at least one when not)");
        }
    }
}
