package dev.triage.core.shift;

import dev.triage.core.domain.Validation;
import java.time.Duration;
import java.util.List;

/**
 * One progressive shift: which rule, which target group gets the traffic, in what steps, how long each step
 * bakes and what it must show.
 *
 * @param loadBalancerArn the rule's load balancer (the metrics' scope)
 * @param listenerArn the rule's listener
 * @param percents the target group's share after each step, strictly increasing, 1..100, the last 100
 * @param bake how long each step runs before its gates are read; a whole number of {@code period}s
 * @param period the metrics' period: 1 s for agents, 60 s for CloudWatch
 */
public record ShiftSettings(
        String loadBalancerArn,
        String listenerArn,
        String ruleArn,
        String targetGroupArn,
        List<Integer> percents,
        Duration bake,
        Duration period,
        Gates gates) {

    public static final List<Integer> DEFAULT_PERCENTS = List.of(1, 5, 25, 50, 100);

    public ShiftSettings {
        Validation v = Validation.of("progressive shift");
        v.present("loadBalancerArn", loadBalancerArn, "the rule's load balancer");
        v.present("listenerArn", listenerArn, "the rule's listener");
        v.present("ruleArn", ruleArn, "a forwarding rule");
        v.present("targetGroupArn", targetGroupArn, "the target group to move traffic to");
        v.present("gates", gates, "the gates");
        if (v.present("percents", percents, "steps such as " + DEFAULT_PERCENTS)) {
            v.check(!percents.isEmpty(), "percents: none (expected: steps such as " + DEFAULT_PERCENTS + ")");
            int last = 0;
            for (Integer p : percents) {
                if (p == null || p <= last || p > 100) {
                    v.add("percents: " + percents + " (expected: strictly increasing, 1..100)");
                    break;
                }
                last = p;
            }
            v.check(
                    percents.isEmpty() || Integer.valueOf(100).equals(percents.getLast()),
                    "percents: " + percents + " (expected: the last step 100)");
        }
        boolean times = v.present("bake", bake, "a bake time") & v.present("period", period, "a metrics period");
        if (times) {
            v.check(
                    period.toSeconds() >= 1 && period.toNanos() % 1_000_000_000L == 0,
                    "period: " + period + " (expected: whole seconds, at least 1)");
            v.check(
                    !bake.isZero() && !bake.isNegative() && bake.toNanos() % Math.max(1, period.toNanos()) == 0,
                    "bake: " + bake + " (expected: a positive whole number of periods of " + period + ")");
        }
        v.throwIfInvalid();
        percents = List.copyOf(percents);
    }
}
