package dev.triage.agent.gate;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks that Authorization holds a well-formed HTTP Basic credential (RFC 7617): the scheme "Basic"
 * (any case), base64 of "user:password" with a non-empty user. The shape only: the upstream checks
 * the password.
 */
final class BasicAuthShape {

    private static final Optional<ProxyResponse> MISSING = refuse("this route requires HTTP Basic credentials");
    private static final Optional<ProxyResponse> DUPLICATED = refuse("more than one Authorization header");
    private static final Optional<ProxyResponse> NOT_BASIC = refuse("the Authorization scheme must be Basic");
    private static final Optional<ProxyResponse> NOT_BASE64 = refuse("the Basic credentials are not valid base64");
    private static final Optional<ProxyResponse> NO_COLON =
            refuse("the Basic credentials must decode to user:password");
    private static final Optional<ProxyResponse> EMPTY_USER = refuse("the Basic credentials have an empty user");

    private BasicAuthShape() {}

    static Optional<ProxyResponse> check(Headers headers) {
        String authorization = null;
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase("authorization")) {
                if (authorization != null) {
                    return DUPLICATED;
                }
                authorization = field.value();
            }
        }
        if (authorization == null || authorization.isBlank()) {
            return MISSING;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space != 5 || !value.regionMatches(true, 0, "Basic", 0, 5)) {
            return NOT_BASIC;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
        } catch (IllegalArgumentException notBase64) {
            return NOT_BASE64;
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon < 0) {
            return NO_COLON;
        }
        return colon == 0 ? EMPTY_USER : Optional.empty();
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<ProxyResponse> refuse(String message) {
        ProxyResponse error = ProxyResponse.error(401, "unauthorized", message);
        return Optional.of(error.withHeaders(error.headers().toBuilder()
                .set("WWW-Authenticate", "Basic realm=\"triage\"")
                .build()));
    }
}
