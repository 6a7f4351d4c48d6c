package dev.triage.agent.http;

import static java.util.Objects.requireNonNull;

/**
 * A client request as the agent holds it: fully buffered (bodies are bounded by the gates), so it
 * can be replayed by retries and hedges.
 *
 * @param path the raw path, without query, as the client sent it
 * @param query the raw query without '?', or null
 * @param clientAddress the client's IP address as text
 * @param requestId the X-Request-Id (passed through, or generated when absent)
 * @param scheme {@code http} or {@code https}: how the client reached the agent (X-Forwarded-Proto)
 */
public record ProxyRequest(
        String method,
        String path,
        String query,
        Headers headers,
        byte[] body,
        String clientAddress,
        String requestId,
        String scheme) {

    public static final String HTTP = "http";
    public static final String HTTPS = "https";

    private static final byte[] NO_BODY = new byte[0];

    public ProxyRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(headers, "headers");
        body = body == null ? NO_BODY : body;
        requireNonNull(clientAddress, "clientAddress");
        requireNonNull(requestId, "requestId");
        scheme = scheme == null ? HTTP : scheme;
    }

    /** A request that reached the agent over plain HTTP. */
    public ProxyRequest(
            String method,
            String path,
            String query,
            Headers headers,
            byte[] body,
            String clientAddress,
            String requestId) {
        this(method, path, query, headers, body, clientAddress, requestId, HTTP);
    }

    /** GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent (RFC 9110 9.2.2); hedging uses only safe ones. */
    public boolean isSafe() {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    /** POST and PATCH are not idempotent: retried only when provably not sent, or with an honoured key. */
    public boolean isIdempotent() {
        return switch (method) {
            case "POST", "PATCH" -> false;
            default -> true;
        };
    }

    /** Path and query as on the request line. */
    public String target() {
        return query == null ? path : path + '?' + query;
    }

    public ProxyRequest withHeaders(Headers newHeaders) {
        return new ProxyRequest(method, path, query, newHeaders, body, clientAddress, requestId, scheme);
    }
}
