package dev.triage.console.traffic.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The problems of one part of the form, each shown next to the field it names: a domain message
 * "statusCode: 600 (expected: ...)" goes to the field keyed "statusCode"; one that names no field
 * of this part goes to the part's general line.
 */
final class FieldProblems {

    static final String GENERAL = "";

    private final Map<String, StringProperty> byField = new LinkedHashMap<>();

    FieldProblems(String... fields) {
        byField.put(GENERAL, new SimpleStringProperty(""));
        for (String field : fields) {
            byField.put(field, new SimpleStringProperty(""));
        }
    }

    /** Shows {@code problems}, each next to the field whose name it starts with; clears the rest. */
    void show(List<String> problems) {
        Map<String, List<String>> routed = new LinkedHashMap<>();
        for (String problem : problems) {
            routed.computeIfAbsent(fieldOf(problem), k -> new ArrayList<>()).add(problem);
        }
        byField.forEach((field, text) -> text.set(String.join("\n", routed.getOrDefault(field, List.of()))));
    }

    void clear() {
        show(List.of());
    }

    ReadOnlyStringProperty of(String field) {
        StringProperty text = byField.get(field);
        if (text == null) {
            throw new IllegalArgumentException("field: " + field + " (expected: one of " + byField.keySet() + ")");
        }
        return text;
    }

    private String fieldOf(String problem) {
        return byField.keySet().stream()
                .filter(f -> !f.isEmpty() && (problem.startsWith(f + ":") || problem.startsWith(f + " ")))
                .findFirst()
                .orElse(GENERAL);
    }
}
