package dev.triage.lab.hosp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and writes the failure profile file, reporting every problem at once. */
final class ProfileJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Map<String, Class<?>> SECTIONS = sections();
    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'");
    private static final Pattern NULL_VALUE =
            Pattern.compile("(?:Null value for creator property|primitive type) '([^']+)'");

    private ProfileJson() {}

    static FailureProfile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read failure profile " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static FailureProfile loadResource(String resource) {
        try (InputStream in = ProfileJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("failure profile resource missing: " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(FailureProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FailureProfile parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FailureProfileException(List.of(source + ": invalid JSON at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new FailureProfileException(List.of(source + ": " + kind(root) + " (expected: a JSON object)"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("name") && !SECTIONS.containsKey(field)) {
                problems.add(field + ": unknown field (expected one of: name, " + String.join(", ", SECTIONS.keySet())
                        + ")");
            }
        }
        JsonNode nameNode = root.get("name");
        String name = nameNode == null ? "custom" : nameNode.asText();
        if (nameNode != null && !nameNode.isTextual()) {
            problems.add("name: " + nameNode + " (expected: a string)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        SECTIONS.forEach((section, type) -> {
            JsonNode node = root.get(section);
            if (node == null || node.isNull()) {
                problems.add(section + ": missing (expected: an object)");
                return;
            }
            try {
                values.put(section, MAPPER.treeToValue(node, type));
            } catch (ValueInstantiationException e) {
                if (e.getCause() instanceof FailureProfileException invalid) {
                    problems.addAll(invalid.problems());
                } else {
                    problems.add(section + ": " + e.getOriginalMessage());
                }
            } catch (UnrecognizedPropertyException e) {
                problems.add(path(section, e) + ": unknown field (expected one of: "
                        + e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + ")");
            } catch (JsonMappingException e) {
                problems.add(describe(section, e));
            } catch (JsonProcessingException e) {
                problems.add(section + ": " + e.getOriginalMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new FailureProfileException(
                    problems.stream().map(p -> source + ": " + p).toList());
        }
        return new FailureProfile(
                name,
                (FailureProfile.ErrorBursts) values.get("errorBursts"),
                (FailureProfile.Latency) values.get("latency"),
                (FailureProfile.Outages) values.get("outages"),
                (FailureProfile.SlowPeriods) values.get("slowPeriods"),
                (FailureProfile.WriteFaults) values.get("writeFaults"));
    }

    private static String path(String section, JsonMappingException e) {
        StringBuilder path = new StringBuilder(section);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(String section, JsonMappingException e) {
        String message = e.getOriginalMessage();
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            return section + "." + missing.group(1) + ": missing (expected: a value)";
        }
        Matcher nullValue = NULL_VALUE.matcher(message);
        if (nullValue.find()) {
            return section + "." + nullValue.group(1) + ": null (expected: a value)";
        }
        String path = path(section, e);
        if (e instanceof InvalidFormatException invalid) {
            Object value = invalid.getValue();
            return path + ": " + (value instanceof String text ? "\"" + text + "\"" : value) + " (expected: "
                    + expected(invalid.getTargetType()) + ")";
        }
        if (e instanceof MismatchedInputException mismatched) {
            return path + ": wrong type (expected: " + expected(mismatched.getTargetType()) + ")";
        }
        return path + ": " + message.lines().findFirst().orElse(message);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode()
                ? "empty"
                : node.getNodeType().name().toLowerCase();
    }

    private static Map<String, Class<?>> sections() {
        Map<String, Class<?>> sections = new LinkedHashMap<>();
        sections.put("errorBursts", FailureProfile.ErrorBursts.class);
        sections.put("latency", FailureProfile.Latency.class);
        sections.put("outages", FailureProfile.Outages.class);
        sections.put("slowPeriods", FailureProfile.SlowPeriods.class);
        sections.put("writeFaults", FailureProfile.WriteFaults.class);
        return java.util.Collections.unmodifiableMap(sections);
    }
}
