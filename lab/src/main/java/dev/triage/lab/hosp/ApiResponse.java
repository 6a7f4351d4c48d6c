package dev.triage.lab.hosp;

import java.util.Map;

/**
 * One answer: status, JSON body (empty for 204), extra headers, and whether the request committed a write.
 */
record ApiResponse(int status, byte[] body, Map<String, String> headers, boolean committed) {
    static final byte[] EMPTY = new byte[0];

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, ApiJson.bytes(value), Map.of(), false);
    }

    static ApiResponse error(int status, String message) {
        return json(status, ApiJson.error(status, message));
    }

    ApiResponse withHeader(String name, String value) {
        java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, body, Map.copyOf(all), committed);
    }

    ApiResponse asCommitted() {
        return new ApiResponse(status, body, headers, true);
    }
}
