package dev.triage.agent.api.config;

import java.util.List;

/**
 * Admission checks a request must pass before it reaches the upstream.
 *
 * @param requiredHeader a header that must carry one of several accepted values (the CDN's secret,
 *     several during a rotation); 403 otherwise
 * @param requireBasicAuth Authorization must be a well-formed Basic credential (user:password in
 *     base64); 401 otherwise
 * @param maxBodyBytes larger request bodies get 413 (0: no limit beyond the agent's)
 * @param allowedMethods other methods get 405 (empty: all)
 */
public record GatePolicy(
        RequiredHeader requiredHeader, boolean requireBasicAuth, long maxBodyBytes, List<String> allowedMethods) {

    public GatePolicy {
        allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
    }

    public record RequiredHeader(String name, List<String> values) {
        public RequiredHeader {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
