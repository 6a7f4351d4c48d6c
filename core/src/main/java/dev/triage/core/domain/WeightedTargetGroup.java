package dev.triage.core.domain;

/** One target group of a forward action and its weight (0..999; 0 sends it no traffic). */
public record WeightedTargetGroup(String targetGroupArn, int weight) {

    public static final int MIN_WEIGHT = 0;
    public static final int MAX_WEIGHT = 999;

    public WeightedTargetGroup {
        Validation v = Validation.of("target group " + targetGroupArn);
        v.present("targetGroupArn", targetGroupArn, "a target group ARN");
        v.range("weight", weight, MIN_WEIGHT, MAX_WEIGHT);
        v.throwIfInvalid();
    }
}
