package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the journal keeps of a rule a weight change touched: its ARN, listener, priority and the
 * forward's weights by target group ARN (in the action's order). Enough to show the change and
 * to undo it; conditions are not kept, since a weight change never alters them.
 */
public record RuleWeights(String ruleArn, String listenerArn, String priority, Map<String, Integer> weights) {

    public RuleWeights {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(priority, "priority");
        requireNonNull(weights, "weights");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The weights of a rule that forwards; IllegalArgumentException for any other resource. */
    public static RuleWeights of(Resource resource) {
        if (!(resource instanceof Rule rule) || !(rule.action() instanceof Forward forward)) {
            throw new IllegalArgumentException(
                    "resource: " + resource.arn() + " (expected: a rule that forwards to weighted target groups)");
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (WeightedTargetGroup group : forward.targetGroups()) {
            weights.put(group.targetGroupArn(), group.weight());
        }
        return new RuleWeights(rule.arn(), rule.listenerArn(), rule.priority().text(), weights);
    }

    /**
     * Whether {@code plan} only shifts weights: every touched resource a rule that forwards
     * before and after, with the same priority, conditions, target groups and stickiness. Such a
     * change is journalled as weights (the first journal's form); any other keeps whole resources.
     */
    static boolean shiftOnly(ChangePlan plan) {
        if (plan.before().isEmpty() || plan.before().size() != plan.after().size()) {
            return false;
        }
        for (Resource resource : plan.before()) {
            Resource other = plan.after().stream()
                    .filter(r -> r.arn().equals(resource.arn()))
                    .findFirst()
                    .orElse(null);
            if (!(resource instanceof Rule before)
                    || !(other instanceof Rule after)
                    || !(before.action() instanceof Forward from)
                    || !(after.action() instanceof Forward to)
                    || before.actions().size() != 1
                    || after.actions().size() != 1
                    || !before.priority().equals(after.priority())
                    || !before.conditions().equals(after.conditions())
                    || !Objects.equals(from.stickiness(), to.stickiness())
                    || !groups(from).equals(groups(to))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> groups(Forward forward) {
        return forward.targetGroups().stream()
                .map(WeightedTargetGroup::targetGroupArn)
                .toList();
    }

    /** The weights of the resources that are forwarding rules; others are left out. */
    static List<RuleWeights> ofForwarding(List<Resource> resources) {
        return resources.stream()
                .filter(r -> r instanceof Rule rule && rule.action() instanceof Forward)
                .map(RuleWeights::of)
                .toList();
    }

    static List<RuleWeights> of(List<Resource> resources) {
        List<RuleWeights> out = new ArrayList<>();
        for (Resource resource : resources) {
            out.add(of(resource));
        }
        return List.copyOf(out);
    }
}
