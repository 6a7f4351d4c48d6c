package dev.triage.console.traffic.rules;

import java.util.Arrays;
import java.util.List;

/** The editor's values fields: several values in one field, separated by commas. */
final class ValueList {

    private ValueList() {}

    /** "a, b," reads as [a, b]: each value stripped, empty ones left out. */
    static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static String join(List<String> values) {
        return String.join(", ", values);
    }
}
