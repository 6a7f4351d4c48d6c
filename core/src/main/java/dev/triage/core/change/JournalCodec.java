package dev.triage.core.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.core.domain.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's line format, through Jackson: one compact JSON object per entry, fields in a fixed
 * order ({@code id, phase, time, actor, reason, plan, title, calls, before, planned, after,
 * inverse, outcome, detail}; a rule's weights as {@code rule, listener, priority, weights}). These
 * are the names the first, hand-written codec used, so journals written before still read. An
 * entry that keeps whole resources (any change but a weight shift) adds {@code "resources":
 * {"before","planned","after","inverse"}} after {@code inverse}, in {@link ResourceCodec}'s form;
 * a reader that does not know the field sees empty weight lists.
 * Compact output escapes control characters, so an entry never spans two lines.
 */
final class JournalCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JournalCodec() {}

    static String write(JournalEntry entry) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", entry.id());
        json.put("phase", entry.phase().name());
        json.put("time", entry.time().toString());
        json.put("actor", entry.actor());
        json.put("reason", entry.reason());
        json.put("plan", entry.planId());
        json.put("title", entry.title());
        ArrayNode calls = json.putArray("calls");
        entry.calls().forEach(calls::add);
        weights(json.putArray("before"), entry.before());
        weights(json.putArray("planned"), entry.planned());
        weights(json.putArray("after"), entry.after());
        weights(json.putArray("inverse"), entry.inverse());
        if (entry.resources() != null) {
            ObjectNode resources = json.putObject("resources");
            resources.set("before", ResourceCodec.write(entry.resources().before()));
            resources.set("planned", ResourceCodec.write(entry.resources().planned()));
            resources.set("after", ResourceCodec.write(entry.resources().after()));
            resources.set("inverse", ResourceCodec.write(entry.resources().inverse()));
        }
        json.put("outcome", entry.outcome() == null ? null : entry.outcome().name());
        json.put("detail", entry.detail());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write journal entry " + entry.id(), e);
        }
    }

    /** Parses one line; IllegalArgumentException naming the problem when it is not a whole entry. */
    static JournalEntry read(String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not JSON: " + e.getOriginalMessage() + " (expected: one whole journal entry)", e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object (expected: one whole journal entry)");
        }
        String outcome = text(json, "outcome", false);
        try {
            return new JournalEntry(
                    text(json, "id", true),
                    JournalEntry.Phase.valueOf(text(json, "phase", true)),
                    Instant.parse(text(json, "time", true)),
                    text(json, "actor", true),
                    text(json, "reason", true),
                    text(json, "plan", true),
                    text(json, "title", true),
                    strings(json, "calls"),
                    weights(json, "before"),
                    weights(json, "planned"),
                    weights(json, "after"),
                    weights(json, "inverse"),
                    outcome == null ? null : AuditEntry.Outcome.valueOf(outcome),
                    text(json, "detail", false),
                    resources(json.get("resources")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time: " + e.getParsedString() + " (expected: an ISO-8601 instant)", e);
        }
    }

    private static JournalEntry.Resources resources(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("resources: " + json + " (expected: an object)");
        }
        return new JournalEntry.Resources(
                ResourceCodec.readAll(json.get("before"), "resources.before"),
                ResourceCodec.readAll(json.get("planned"), "resources.planned"),
                ResourceCodec.readAll(json.get("after"), "resources.after"),
                ResourceCodec.readAll(json.get("inverse"), "resources.inverse"));
    }

    private static void weights(ArrayNode array, List<RuleWeights> rules) {
        for (RuleWeights rule : rules) {
            ObjectNode node = array.addObject();
            node.put("rule", rule.ruleArn());
            node.put("listener", rule.listenerArn());
            node.put("priority", rule.priority());
            ObjectNode weights = node.putObject("weights");
            rule.weights().forEach(weights::put);
        }
    }

    private static List<RuleWeights> weights(JsonNode json, String field) {
        List<RuleWeights> out = new ArrayList<>();
        for (JsonNode node : array(json, field)) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(field + ": " + node + " (expected: a rule's weights)");
            }
            JsonNode weightsNode = node.get("weights");
            if (weightsNode == null || !weightsNode.isObject()) {
                throw new IllegalArgumentException(field + ".weights: " + weightsNode + " (expected: an object)");
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> weight : weightsNode.properties()) {
                JsonNode value = weight.getValue();
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw new IllegalArgumentException(
                            field + ".weights." + weight.getKey() + ": " + value + " (expected: an integer)");
                }
                weights.put(weight.getKey(), value.intValue());
            }
            out.add(new RuleWeights(
                    text(node, "rule", true), text(node, "listener", true), text(node, "priority", true), weights));
        }
        return out;
    }

    private static List<String> strings(JsonNode json, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode node : array(json, field)) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(field + ": " + node + " (expected: strings)");
            }
            out.add(node.textValue());
        }
        return out;
    }

    private static JsonNode array(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + ": " + node + " (expected: an array)");
        }
        return node;
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": missing (expected: a string)");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + ": " + node + " (expected: a string)");
        }
        return node.textValue();
    }
}
