package dev.triage.core.domain;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Answer directly: a 2XX, 4XX or 5XX status (ALB allows no 1XX or 3XX here), an optional content
 * type and a body of at most 1024 bytes (UTF-8).
 *
 * @param statusCode 200..299, 400..499 or 500..599
 * @param contentType one of {@link #CONTENT_TYPES}, or null
 * @param messageBody the body, or null for none
 */
public record FixedResponse(int statusCode, String contentType, String messageBody) implements Action {

    public static final int MAX_BODY_BYTES = 1024;
    public static final Set<String> CONTENT_TYPES =
            Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");

    public FixedResponse {
        Validation v = Validation.of("fixed-response action");
        int family = statusCode / 100;
        v.check(
                statusCode >= 200 && statusCode <= 599 && family != 3,
                "statusCode: " + statusCode + " (expected: 200..299, 400..499 or 500..599)");
        if (contentType != null) {
            v.check(
                    CONTENT_TYPES.contains(contentType),
                    "contentType: '" + contentType + "' (expected: one of text/plain, text/css, text/html,"
                            + " application/javascript, application/json)");
        }
        if (messageBody != null) {
            int bytes = messageBody.getBytes(StandardCharsets.UTF_8).length;
            v.check(
                    bytes <= MAX_BODY_BYTES,
                    "messageBody: " + bytes + " bytes (expected: at most " + MAX_BODY_BYTES + ")");
        }
        v.throwIfInvalid();
    }

    @Override
    public String type() {
        return "fixed-response";
    }

    @Override
    public String describe() {
        return "answer " + statusCode
                + (messageBody == null ? "" : " with a " + messageBody.length() + "-character body");
    }
}
