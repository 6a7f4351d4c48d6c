package dev.triage.lab.hosp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads the fields of a JSON object body, collecting every problem, then answers 400 with all of them. */
final class JsonBody {
    private final JsonNode node;
    private final List<String> problems = new ArrayList<>();

    JsonBody(byte[] body, List<String> allowed) {
        this.node = ApiJson.parseObject(body);
        Set<String> known = Set.copyOf(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(name + ": unknown field (expected one of: " + String.join(", ", allowed) + ")");
            }
        }
    }

    boolean has(String field) {
        return node.has(field);
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    String requiredText(String field) {
        if (!node.has(field)) {
            problems.add(field + ": missing (expected: a non-empty string)");
            return null;
        }
        return text(field);
    }

    /** The field's text, or null when absent; a present field must be a non-empty string. */
    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 10_000) {
            problems.add(field + ": " + abbreviate(value) + " (expected: a non-empty string of at most 10000 chars)");
            return null;
        }
        return value.asText().strip();
    }

    Long requiredId(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            problems.add(field + ": missing (expected: an id)");
            return null;
        }
        return id(field);
    }

    Long id(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            problems.add(field + ": " + abbreviate(value) + " (expected: a positive integer id)");
            return null;
        }
        return value.asLong();
    }

    void problem(String problem) {
        problems.add(problem);
    }

    void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ApiError(400, String.join("; ", problems));
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
