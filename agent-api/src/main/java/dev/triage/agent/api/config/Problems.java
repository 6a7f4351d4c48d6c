package dev.triage.agent.api.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while checking a config, with helpers for the usual checks. */
final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();

    void add(String field, Object value, String expected) {
        errors.add(new ConfigError(field, show(value), expected));
    }

    /** Records a problem unless {@code min <= value <= max}; returns whether the value was in range. */
    boolean range(String field, long value, long min, long max) {
        if (value >= min && value <= max) {
            return true;
        }
        add(field, value, min + ".." + max);
        return false;
    }

    boolean atLeast(String field, long value, long min) {
        if (value >= min) {
            return true;
        }
        add(field, value, min == 1 ? "a positive number" : ">= " + min);
        return false;
    }

    /** Records a problem when a required part is absent; returns whether it is present. */
    boolean present(String field, Object value, String expected) {
        if (value != null) {
            return true;
        }
        add(field, null, expected);
        return false;
    }

    /** Records a problem when a string is null or blank; returns whether it has text. */
    boolean notBlank(String field, String value, String expected) {
        if (value != null && !value.isBlank()) {
            return true;
        }
        add(field, value, expected);
        return false;
    }

    List<ConfigError> list() {
        return List.copyOf(errors);
    }

    /** Renders a value for a message: null as {@code null}, blank or padded strings quoted. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (text.isBlank() || !text.equals(text.strip())) {
            return '"' + text + '"';
        }
        return text;
    }
}
