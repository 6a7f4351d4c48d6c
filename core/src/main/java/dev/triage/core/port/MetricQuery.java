package dev.triage.core.port;

import dev.triage.core.domain.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which metrics of what, over {@code [from, to)} at {@code period}.
 *
 * @param period 1 s (agents) or a multiple of 60 s (CloudWatch); the range must hold a whole number
 */
public record MetricQuery(Scope scope, List<Metric> metrics, Instant from, Instant to, Duration period) {

    /** CloudWatch's period for AWS/ApplicationELB. */
    public static final Duration CLOUDWATCH_PERIOD = Duration.ofSeconds(60);

    public MetricQuery {
        Validation v = Validation.of("metric query");
        v.present("scope", scope, "a load balancer, target group or route");
        if (v.present("metrics", metrics, "at least one metric")) {
            v.check(!metrics.isEmpty(), "metrics: none (expected: at least one metric)");
        }
        boolean times = v.present("from", from, "a start") & v.present("to", to, "an end");
        if (times) {
            v.check(from.isBefore(to), "to: " + to + " (expected: after from, " + from + ")");
        }
        if (v.present("period", period, "a positive period")) {
            v.check(
                    period.toSeconds() >= 1 && period.toNanos() % 1_000_000_000L == 0,
                    "period: " + period + " (expected: whole seconds, at least 1)");
        }
        v.throwIfInvalid();
        metrics = List.copyOf(metrics);
    }

    /** What the metrics are about. */
    public sealed interface Scope {
        /** A whole load balancer. */
        record LoadBalancerScope(String loadBalancerArn) implements Scope {}

        /** One target group behind a load balancer. */
        record TargetGroupScope(String loadBalancerArn, String targetGroupArn) implements Scope {}

        /** One rule (route) of a listener; only agents measure this. */
        record RouteScope(String ruleArn) implements Scope {}
    }

    /** The metrics the overview and the gates use, named as AWS/ApplicationELB names them. */
    public enum Metric {
        REQUEST_COUNT("RequestCount", "Count"),
        TARGET_5XX_COUNT("HTTPCode_Target_5XX_Count", "Count"),
        ELB_5XX_COUNT("HTTPCode_ELB_5XX_Count", "Count"),
        TARGET_RESPONSE_TIME_P50("TargetResponseTime", "Seconds"),
        TARGET_RESPONSE_TIME_P99("TargetResponseTime", "Seconds"),
        HEALTHY_HOST_COUNT("HealthyHostCount", "Count"),
        UNHEALTHY_HOST_COUNT("UnHealthyHostCount", "Count");

        private final String cloudWatchName;
        private final String unit;

        Metric(String cloudWatchName, String unit) {
            this.cloudWatchName = cloudWatchName;
            this.unit = unit;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }

        public String unit() {
            return unit;
        }
    }
}
