package dev.triage.agent.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.triage.agent.api.config.ConfigError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;

/** Reads the admin API's JSON answers; anything that does not fit becomes an {@link AgentProtocolException}. */
final class Responses {

    /** Unknown fields are ignored: a newer agent may report more than this client knows. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final int EXCERPT_CHARS = 200;

    private Responses() {}

    static <T> T read(AgentEndpoint agent, String call, SimpleHttpResponse response, Class<T> type) {
        try {
            T value = JSON.readValue(body(response), type);
            if (value == null) {
                throw new AgentProtocolException(agent, response.getCode(), "empty answer to " + call, null);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof AgentProtocolException known) {
                throw known;
            }
            throw new AgentProtocolException(
                    agent,
                    response.getCode(),
                    "could not read the answer to " + call + " as " + type.getSimpleName() + ": " + excerpt(response),
                    e);
        }
    }

    static JsonNode tree(AgentEndpoint agent, String call, SimpleHttpResponse response) {
        try {
            JsonNode node = JSON.readTree(body(response));
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AgentProtocolException(
                    agent,
                    response.getCode(),
                    "could not read the answer to " + call + " (" + response.getCode() + "): " + excerpt(response),
                    e);
        }
    }

    /** A required text field of a JSON answer. */
    static String text(AgentEndpoint agent, String call, SimpleHttpResponse response, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new AgentProtocolException(
                    agent,
                    response.getCode(),
                    "the answer to " + call + " (" + response.getCode() + ") lacks \"" + field + "\": "
                            + excerpt(response),
                    null);
        }
        return value.asText();
    }

    /** The errors of a 400 {"error": "invalid", "errors": [...]} answer. */
    static List<ConfigError> configErrors(AgentEndpoint agent, String call, SimpleHttpResponse response) {
        JsonNode errors = tree(agent, call, response).get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw new AgentProtocolException(
                    agent, 400, "the agent refused " + call + " without listing errors: " + excerpt(response), null);
        }
        List<ConfigError> result = new ArrayList<>(errors.size());
        for (JsonNode error : errors) {
            result.add(new ConfigError(field(error, "field"), field(error, "value"), field(error, "expected")));
        }
        return result;
    }

    /** A 413 as a config problem: the body is above the agent's limit. */
    static ConfigError tooLarge(int bodyBytes, SimpleHttpResponse response) {
        String limit;
        try {
            JsonNode maxBytes = JSON.readTree(body(response)).path("maxBytes");
            limit = maxBytes.canConvertToLong() ? "at most " + maxBytes.asLong() + " bytes" : "a smaller config";
        } catch (IOException e) {
            limit = "a smaller config";
        }
        return new ConfigError("$", bodyBytes + " bytes", limit);
    }

    /** A 500 to a push or rollback: applied, not persisted, and undone by the agent. */
    static AgentProtocolException notPersisted(AgentEndpoint agent, String call, SimpleHttpResponse response) {
        String message = "";
        try {
            JsonNode answer = JSON.readTree(body(response));
            if (answer != null && "not persisted".equals(answer.path("error").asText())) {
                message = answer.path("message").asText("");
            }
        } catch (IOException e) {
            // not the agent's JSON: reported as an unexpected answer below
        }
        if (message.isEmpty()) {
            return unexpected(agent, call, response);
        }
        return new AgentProtocolException(
                agent,
                response.getCode(),
                "the agent could not persist the config and kept the one it had (" + message + ")",
                null);
    }

    static AgentProtocolException unexpected(AgentEndpoint agent, String call, SimpleHttpResponse response) {
        return new AgentProtocolException(
                agent,
                response.getCode(),
                "unexpected answer " + response.getCode() + " to " + call + ": " + excerpt(response),
                null);
    }

    /** The start of the body on one line, for messages. */
    static String excerpt(SimpleHttpResponse response) {
        String text = new String(body(response), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "...";
    }

    static byte[] body(SimpleHttpResponse response) {
        byte[] body = response.getBodyBytes();
        return body == null ? new byte[0] : body;
    }

    private static String field(JsonNode error, String name) {
        JsonNode value = error.get(name);
        return value == null || value.isNull() ? "null" : value.isValueNode() ? value.asText() : value.toString();
    }
}
