package dev.triage.agent.api.stats;

import java.util.Map;

/**
 * Upstream attempts and how they failed.
 *
 * @param attempts every attempt sent (or tried) to a target
 * @param failed attempts that got no usable response, or a 5XX
 * @param status5xx attempts answered with a 5XX status
 * @param failuresByKind attempts without a response, by kind (CONNECT_FAILURE, RESET, TIMEOUT,
 *     PROTOCOL_ERROR, RESPONSE_TOO_LARGE, NOT_SENT); kinds never seen are absent
 */
public record UpstreamCounts(long attempts, long failed, long status5xx, Map<String, Long> failuresByKind) {

    public static final UpstreamCounts ZERO = new UpstreamCounts(0, 0, 0, Map.of());

    public UpstreamCounts {
        failuresByKind = failuresByKind == null ? Map.of() : Map.copyOf(failuresByKind);
    }
}
