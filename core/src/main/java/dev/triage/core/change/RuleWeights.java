package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static List<RuleWeights> of(List<Resource> resources) {
        List<RuleWeights> out = new ArrayList<>();
        for (Resource resource : resources) {
            out.add(of(resource));
        }
        return List.copyOf(out);
    }
}
