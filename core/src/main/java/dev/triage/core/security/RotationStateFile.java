package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.core.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rotation's state as one small JSON object, written atomically: a temp file beside it, forced
 * to disk, then renamed over it (so a crash leaves the old state or the new, never half of one).
 */
final class RotationStateFile {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path file;

    RotationStateFile(Path file) {
        this.file = requireNonNull(file, "file");
    }

    Path file() {
        return file;
    }

    Optional<RotationState> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the rotation state " + file, e);
        }
    }

    void write(RotationState state) {
        byte[] bytes = toJson(state).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.replace(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the rotation state " + file, e);
        }
    }

    static String toJson(RotationState state) {
        ObjectNode json = JSON.createObjectNode();
        json.put("header", state.headerName());
        json.put("stage", state.stage().name());
        json.put("complete", state.complete());
        json.put("oldDigest", state.oldDigest());
        json.put("newDigest", state.newDigest());
        json.put("cdnSwitched", state.cdnSwitched());
        strings(json.putArray("listeners"), state.listeners());
        strings(json.putArray("agents"), state.agents());
        ObjectNode listenersLeft = json.putObject("listenersLeft");
        state.listenersLeft().forEach(listenersLeft::put);
        ObjectNode agentsLeft = json.putObject("agentsLeft");
        state.agentsLeft().forEach(agentsLeft::put);
        strings(json.putArray("journalEntries"), state.journalEntries());
        json.put("updated", state.updated().toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the rotation state", e);
        }
    }

    static RotationState fromJson(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rotation state: not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("rotation state: not a JSON object");
        }
        return new RotationState(
                text(json, "header"),
                RotationState.Stage.valueOf(text(json, "stage")),
                json.path("complete").asBoolean(),
                text(json, "oldDigest"),
                text(json, "newDigest"),
                json.path("cdnSwitched").asBoolean(),
                strings(json.get("listeners")),
                strings(json.get("agents")),
                map(json.get("listenersLeft")),
                map(json.get("agentsLeft")),
                strings(json.get("journalEntries")),
                Instant.parse(text(json, "updated")));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null) {
            object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("rotation state: " + field + ": " + node + " (expected: a string)");
        }
        return node.textValue();
    }
}
