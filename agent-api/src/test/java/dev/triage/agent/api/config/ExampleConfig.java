package dev.triage.agent.api.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The documented example config as an editable JSON tree, for tests that break one thing at a time. */
final class ExampleConfig {

    static final Path PATH = Path.of("../docs/examples/hosp-agent.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private ExampleConfig(ObjectNode root) {
        this.root = root;
    }

    static ExampleConfig load() {
        try {
            return new ExampleConfig((ObjectNode) JSON.readTree(PATH.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a JSON pointer like {@code /listeners/0/port}; an index one past the end appends. */
    ExampleConfig set(String pointer, Object value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        JsonNode node = JSON.valueToTree(value);
        if (parent instanceof ArrayNode array) {
            int index = path.last().getMatchingIndex();
            if (index == array.size()) {
                array.add(node);
            } else {
                array.set(index, node);
            }
        } else {
            ((ObjectNode) parent).set(path.last().getMatchingProperty(), node);
        }
        return this;
    }

    /** Sets a value given as JSON text, e.g. {@code {"type": "source-ip", "values": ["10.0.0.0/8"]}}. */
    ExampleConfig setJson(String pointer, String json) {
        try {
            return set(pointer, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExampleConfig remove(String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        if (parent instanceof ArrayNode array) {
            array.remove(path.last().getMatchingIndex());
        } else {
            ((ObjectNode) parent).remove(path.last().getMatchingProperty());
        }
        return this;
    }

    String json() {
        return root.toPrettyString();
    }

    AgentConfig config() {
        return ConfigCodec.parse(json());
    }

    /** Every validation problem as its printed form. */
    List<String> problems() {
        return ConfigValidator.validate(config()).stream()
                .map(ConfigError::toString)
                .toList();
    }
}
