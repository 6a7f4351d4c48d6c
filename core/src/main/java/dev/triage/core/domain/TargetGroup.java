package dev.triage.core.domain;

import java.time.Duration;
import java.util.List;

/**
 * A target group. {@code stickinessEnabled} with {@code stickiness} (1..604800 s) mirrors the
 * group's stickiness attributes; a forward action to several groups, one of them sticky, needs
 * group stickiness (see {@link Forward#stickiness()}).
 *
 * @param loadBalancerArns the load balancers that route to it (may be empty)
 */
public record TargetGroup(
        String arn,
        String name,
        Protocol protocol,
        int port,
        boolean stickinessEnabled,
        Duration stickiness,
        HealthCheck healthCheck,
        List<String> loadBalancerArns)
        implements Resource {

    public static final int MAX_NAME_LENGTH = 32;

    /**
     * A target group's name from its ARN: ALB's "...:targetgroup/legacy/73e2d6bc24d8a067" and the lab's
     * "lab:targetgroup/legacy" are both "legacy"; anything else is returned as it is.
     */
    public static String nameOf(String targetGroupArn) {
        int at = targetGroupArn.indexOf(":targetgroup/");
        if (at < 0) {
            return targetGroupArn;
        }
        String rest = targetGroupArn.substring(at + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    public TargetGroup {
        Validation v = Validation.of("target group " + name);
        v.present("arn", arn, "a target group ARN");
        if (v.present("name", name, "a name")) {
            v.check(
                    name.length() <= MAX_NAME_LENGTH && name.matches("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"),
                    "name: '" + name + "' (expected: 1.." + MAX_NAME_LENGTH
                            + " letters, digits and hyphens, not starting or ending with a hyphen)");
        }
        v.present("protocol", protocol, "HTTP or HTTPS");
        v.range("port", port, 1, 65535);
        if (stickinessEnabled) {
            if (v.present("stickiness", stickiness, "a duration when stickiness is enabled")) {
                v.range("stickiness seconds", stickiness.toSeconds(), 1, Forward.MAX_STICKINESS.toSeconds());
            }
        }
        v.present("healthCheck", healthCheck, "a health check");
        v.throwIfInvalid();
        loadBalancerArns = loadBalancerArns == null ? List.of() : List.copyOf(loadBalancerArns);
    }

    /**
     * How the load balancer checks its targets.
     *
     * @param matcher the HTTP codes counted as healthy, as ALB writes them ("200", "200-299", "200,302")
     */
    public record HealthCheck(
            Protocol protocol,
            String path,
            String port,
            Duration interval,
            Duration timeout,
            int healthyThreshold,
            int unhealthyThreshold,
            String matcher) {

        public HealthCheck {
            Validation v = Validation.of("health check");
            v.present("protocol", protocol, "HTTP or HTTPS");
            if (v.present("path", path, "a path starting with /")) {
                v.check(
                        path.startsWith("/") && path.length() <= 1024,
                        "path: '" + path + "' (expected: a path starting with /, at most 1024 characters)");
            }
            v.present("port", port, "traffic-port or 1..65535");
            boolean times = v.present("interval", interval, "5..300 s") & v.present("timeout", timeout, "2..120 s");
            if (times) {
                v.range("interval seconds", interval.toSeconds(), 5, 300);
                v.range("timeout seconds", timeout.toSeconds(), 2, 120);
                v.check(
                        timeout.compareTo(interval) < 0,
                        "timeout: " + timeout.toSeconds() + " s (expected: less than the interval, "
                                + interval.toSeconds() + " s)");
            }
            v.range("healthyThreshold", healthyThreshold, 2, 10);
            v.range("unhealthyThreshold", unhealthyThreshold, 2, 10);
            v.present("matcher", matcher, "HTTP codes such as 200 or 200-299");
            v.throwIfInvalid();
        }
    }
}
