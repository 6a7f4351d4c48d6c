package dev.triage.core.domain;

/**
 * One target's health in a target group, as DescribeTargetHealth reports it.
 *
 * @param targetId an instance id, an IP address or a Lambda ARN
 * @param port the port traffic goes to
 * @param reason ALB's reason code (such as Target.ResponseCodeMismatch), or null
 * @param description ALB's description, or null
 */
public record TargetHealth(String targetId, int port, State state, String reason, String description) {

    public TargetHealth {
        Validation v = Validation.of("target " + targetId);
        v.present("targetId", targetId, "an instance id, IP address or ARN");
        v.range("port", port, 1, 65535);
        v.present("state", state, "a health state");
        v.throwIfInvalid();
    }

    /** {@code targetId:port}. */
    public String address() {
        return targetId + ":" + port;
    }

    public enum State {
        INITIAL,
        HEALTHY,
        UNHEALTHY,
        UNUSED,
        DRAINING,
        UNAVAILABLE
    }
}
