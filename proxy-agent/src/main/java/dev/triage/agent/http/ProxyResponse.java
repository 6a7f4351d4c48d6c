package dev.triage.agent.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** A fully buffered response, from the upstream or made by the agent. */
public record ProxyResponse(int status, Headers headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public ProxyResponse {
        requireNonNull(headers, "headers");
        body = body == null ? NO_BODY : body;
    }

    /** A response the agent itself makes, with a short JSON body that says why. */
    public static ProxyResponse error(int status, String code, String message) {
        String json = "{\"error\":\"" + code + "\",\"message\":\"" + jsonEscape(message) + "\"}";
        return new ProxyResponse(
                status, Headers.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public ProxyResponse withHeaders(Headers newHeaders) {
        return new ProxyResponse(status, newHeaders, body);
    }

    public boolean isServerError() {
        return status >= 500;
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
