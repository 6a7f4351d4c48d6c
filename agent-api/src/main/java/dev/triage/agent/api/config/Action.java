package dev.triage.agent.api.config;

import java.util.List;

/**
 * What a rule does: {@code forward} to weighted target groups, {@code redirect}, or answer a
 * {@code fixed-response}. Only the fields of the chosen type are set.
 */
public record Action(String type, Forward forward, Redirect redirect, FixedResponse fixedResponse) {

    public static final String FORWARD = "forward";
    public static final String REDIRECT = "redirect";
    public static final String FIXED_RESPONSE = "fixed-response";

    public static Action forwardTo(String targetGroup) {
        return new Action(FORWARD, new Forward(List.of(new WeightedTargetGroup(targetGroup, 1)), null), null, null);
    }

    public static Action fixed(int statusCode, String contentType, String body) {
        return new Action(FIXED_RESPONSE, null, null, new FixedResponse(statusCode, contentType, body));
    }

    /** At most five groups, weights 0..999; stickiness pins a client to a group by cookie. */
    public record Forward(List<WeightedTargetGroup> targetGroups, Stickiness stickiness) {
        public static final int MAX_TARGET_GROUPS = 5;
        public static final int MAX_WEIGHT = 999;

        public Forward {
            targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        }
    }

    public record WeightedTargetGroup(String name, int weight) {}

    /** Group stickiness: a client keeps the group it first got for {@code durationSeconds}. */
    public record Stickiness(boolean enabled, int durationSeconds) {
        public static final int DEFAULT_DURATION_SECONDS = 86_400;

        public Stickiness {
            durationSeconds = durationSeconds == 0 ? DEFAULT_DURATION_SECONDS : durationSeconds;
        }
    }

    /**
     * ALB redirect: each part may use #{protocol}, #{host}, #{port}, #{path}, #{query}; unset parts
     * keep the request's. {@code statusCode} is 301 or 302.
     */
    public record Redirect(String protocol, String host, String port, String path, String query, int statusCode) {}

    /** statusCode 200..599; body at most 1024 bytes as on an ALB. */
    public record FixedResponse(int statusCode, String contentType, String body) {
        public static final int MAX_BODY_BYTES = 1024;
    }
}
