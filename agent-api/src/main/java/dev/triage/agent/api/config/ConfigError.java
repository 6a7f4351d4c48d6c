package dev.triage.agent.api.config;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a config: where it is, what was there, and what was expected. Prints as
 * {@code listeners[0].rules[2].action.forward.targetGroups[0].weight: 1200 (expected: 0..999)}.
 *
 * @param field the JSON path of the problem, with JSON names and indices ({@code $} for the whole
 *     document)
 * @param value what the config holds there, as the user wrote it ({@code null} when absent)
 * @param expected what would have been accepted
 */
public record ConfigError(String field, String value, String expected) {

    public ConfigError {
        requireNonNull(field, "field");
        requireNonNull(value, "value");
        requireNonNull(expected, "expected");
    }

    @Override
    public String toString() {
        return field + ": " + value + " (expected: " + expected + ")";
    }
}
