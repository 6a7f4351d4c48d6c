package dev.triage.core.domain;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Forward to 1..5 target groups by weight. {@code stickiness} is the target group stickiness
 * duration (1..604800 s), or null when off; ALB needs it when a forwarded-to group has
 * stickiness enabled.
 */
public record Forward(List<WeightedTargetGroup> targetGroups, Duration stickiness) implements Action {

    public static final int MAX_TARGET_GROUPS = 5;
    public static final Duration MAX_STICKINESS = Duration.ofDays(7);

    public Forward {
        Validation v = Validation.of("forward action");
        if (v.present("targetGroups", targetGroups, "1.." + MAX_TARGET_GROUPS + " target groups")) {
            v.range("target groups", targetGroups.size(), 1, MAX_TARGET_GROUPS);
            Set<String> seen = new HashSet<>();
            for (WeightedTargetGroup group : targetGroups) {
                if (v.present("target group", group, "a target group with a weight")) {
                    v.check(
                            seen.add(group.targetGroupArn()),
                            "target group: " + group.targetGroupArn() + " twice (expected: each target group once)");
                }
            }
        }
        if (stickiness != null) {
            v.range("stickiness seconds", stickiness.toSeconds(), 1, MAX_STICKINESS.toSeconds());
            v.check(
                    stickiness.toNanos() % 1_000_000_000L == 0,
                    "stickiness: " + stickiness + " (expected: whole seconds)");
        }
        v.throwIfInvalid();
        targetGroups = List.copyOf(targetGroups);
    }

    /** Forward everything to one target group, no group stickiness. */
    public static Forward to(String targetGroupArn) {
        return new Forward(List.of(new WeightedTargetGroup(targetGroupArn, 1)), null);
    }

    /** The same forward with {@code targetGroupArn}'s weight set (it must already be in the action). */
    public Forward withWeight(String targetGroupArn, int weight) {
        boolean found = targetGroups.stream().anyMatch(g -> g.targetGroupArn().equals(targetGroupArn));
        if (!found) {
            throw new CoreException.Invalid(
                    "forward action",
                    List.of("target group: " + targetGroupArn + " (expected: one of " + arns() + ")"));
        }
        return new Forward(
                targetGroups.stream()
                        .map(g -> g.targetGroupArn().equals(targetGroupArn)
                                ? new WeightedTargetGroup(targetGroupArn, weight)
                                : g)
                        .toList(),
                stickiness);
    }

    /** The sum of all weights; 0 means the rule answers 503. */
    public int totalWeight() {
        return targetGroups.stream().mapToInt(WeightedTargetGroup::weight).sum();
    }

    @Override
    public String type() {
        return "forward";
    }

    @Override
    public String describe() {
        String groups = targetGroups.stream()
                .map(g -> g.targetGroupArn() + " " + g.weight())
                .collect(Collectors.joining(", "));
        return "forward to " + groups + (stickiness == null ? "" : " (sticky " + stickiness.toSeconds() + " s)");
    }

    private String arns() {
        return targetGroups.stream().map(WeightedTargetGroup::targetGroupArn).collect(Collectors.joining(", "));
    }
}
