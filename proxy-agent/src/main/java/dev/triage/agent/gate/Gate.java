package dev.triage.agent.gate;

import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A route's admission checks, compiled once per config snapshot. {@link #admit} runs on the request
 * head, before the body is read, in this order: allowed methods (405), required header (403), Basic
 * credential shape (401), declared body size (413). The server also stops reading a body past
 * {@link #maxBodyBytes()}.
 */
public final class Gate {

    /** Admits every request; no body limit beyond the agent's own. */
    public static final Gate OPEN = new Gate(null, null, null, false, 0);

    private final Set<String> allowedMethods;
    private final Optional<ProxyResponse> methodNotAllowed;
    private final RequiredHeader requiredHeader;
    private final boolean requireBasicAuth;
    private final long maxBodyBytes;

    private Gate(
            Set<String> allowedMethods,
            ProxyResponse methodNotAllowed,
            RequiredHeader requiredHeader,
            boolean requireBasicAuth,
            long maxBodyBytes) {
        this.allowedMethods = allowedMethods;
        this.methodNotAllowed = Optional.ofNullable(methodNotAllowed);
        this.requiredHeader = requiredHeader;
        this.requireBasicAuth = requireBasicAuth;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Compiles a policy; null gives {@link #OPEN}.
     *
     * @throws IllegalArgumentException naming the field when the policy cannot be enforced
     */
    public static Gate compile(GatePolicy policy) {
        if (policy == null) {
            return OPEN;
        }
        if (policy.maxBodyBytes() < 0) {
            throw new IllegalArgumentException(
                    "maxBodyBytes: " + policy.maxBodyBytes() + " (expected: 0 for the agent's limit, or more)");
        }
        Set<String> methods = null;
        ProxyResponse notAllowed = null;
        List<String> allowed = policy.allowedMethods();
        if (!allowed.isEmpty()) {
            for (int i = 0; i < allowed.size(); i++) {
                String method = allowed.get(i);
                if (method == null || method.isBlank()) {
                    throw new IllegalArgumentException(
                            "allowedMethods[" + i + "]: '" + method + "' (expected: a method name such as GET)");
                }
            }
            methods = Set.copyOf(allowed);
            String allow = String.join(", ", allowed);
            ProxyResponse error = ProxyResponse.error(405, "method_not_allowed", "this route accepts only " + allow);
            notAllowed = error.withHeaders(
                    error.headers().toBuilder().set("Allow", allow).build());
        }
        RequiredHeader required =
                policy.requiredHeader() == null ? null : RequiredHeader.compile(policy.requiredHeader());
        return new Gate(methods, notAllowed, required, policy.requireBasicAuth(), policy.maxBodyBytes());
    }

    /** Empty when the request may go on; otherwise the response that refuses it. */
    public Optional<ProxyResponse> admit(ProxyRequest request) {
        if (allowedMethods != null && !allowedMethods.contains(request.method())) {
            return methodNotAllowed;
        }
        if (requiredHeader != null) {
            Optional<ProxyResponse> refused = requiredHeader.check(request.headers());
            if (refused.isPresent()) {
                return refused;
            }
        }
        if (requireBasicAuth) {
            Optional<ProxyResponse> refused = BasicAuthShape.check(request.headers());
            if (refused.isPresent()) {
                return refused;
            }
        }
        return maxBodyBytes > 0 ? checkBodySize(request) : Optional.empty();
    }

    /** The header this route requires (the CDN's secret header), or null when it requires none. */
    public String requiredHeaderName() {
        return requiredHeader == null ? null : requiredHeader.name();
    }

    /** Bytes a request body may have on this route; 0 means the agent's global limit. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    private Optional<ProxyResponse> checkBodySize(ProxyRequest request) {
        long declared = -1;
        for (Headers.Field field : request.headers().fields()) {
            if (field.name().equalsIgnoreCase("content-length")) {
                long length = parseLength(field.value());
                if (length < 0 || (declared >= 0 && length != declared)) {
                    return Optional.of(ProxyResponse.error(400, "bad_request", "Content-Length is not one number"));
                }
                declared = length;
            }
        }
        long size = Math.max(declared, request.body().length);
        if (size > maxBodyBytes) {
            return Optional.of(ProxyResponse.error(
                    413,
                    "payload_too_large",
                    "request body " + size + " bytes exceeds this route's limit of " + maxBodyBytes + " bytes"));
        }
        return Optional.empty();
    }

    private static long parseLength(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.length() > 18) {
            return value.length() > 18 && value.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    @Override
    public String toString() {
        if (this == OPEN) {
            return "Gate[open]";
        }
        return "Gate[methods=" + (allowedMethods == null ? "any" : allowedMethods)
                + ", requiredHeader=" + (requiredHeader == null ? "none" : requiredHeader)
                + ", basicAuth=" + requireBasicAuth
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
