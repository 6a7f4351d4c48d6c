package dev.triage.lab.hosp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON: one shared mapper, error bodies, request body parsing with a clear 400. */
final class ApiJson {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ApiJson() {}

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("message", message);
        return body;
    }

    static JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw new ApiError(400, "request body: empty (expected: a JSON object)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(
                    400,
                    "request body: invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "request body: unreadable: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(
                    400,
                    "request body: "
                            + (node == null
                                    ? "empty"
                                    : node.getNodeType().name().toLowerCase()) + " (expected: a JSON object)");
        }
        return node;
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
