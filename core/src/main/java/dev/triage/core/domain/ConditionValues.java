package dev.triage.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** Shared checks for condition values. */
final class ConditionValues {

    private ConditionValues() {}

    /** Checks a list of string values: count 1..3, each non-blank and at most 128 characters. */
    static void check(Validation v, String field, List<String> values, int maxLength) {
        if (!v.present(field + " values", values, "1.." + Condition.MAX_VALUES + " values")) {
            return;
        }
        v.range(field + " values", values.size(), 1, Condition.MAX_VALUES);
        for (String value : values) {
            if (value == null || value.isBlank()) {
                v.add(field + " value: " + (value == null ? "missing" : "blank") + " (expected: a non-blank value)");
            } else if (value.length() > maxLength) {
                v.add(field + " value: '" + value + "' has " + value.length() + " characters (expected: at most "
                        + maxLength + ")");
            }
        }
    }

    /**
     * Checks that each non-blank value uses only the characters {@code allowed} matches (ALB's
     * character set for the field), naming them in {@code expected}.
     */
    static void checkCharacters(Validation v, String field, List<String> values, Pattern allowed, String expected) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value != null && !value.isBlank() && !allowed.matcher(value).matches()) {
                v.add(field + " value: '" + value + "' (expected: " + expected + ")");
            }
        }
    }
}
