package dev.triage.core.change;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text a person reads in seconds before saying yes to a plan. */
public final class PlanPreview {

    private PlanPreview() {}

    /**
     * One line per touched resource, e.g. {@code Rule arn:... (priority 10): legacy 100 -> 90,
     * replacement 0 -> 10}, then one line per API call.
     */
    public static String text(ChangePlan plan) {
        StringBuilder out = new StringBuilder(plan.title()).append('\n');
        Map<String, Resource> after =
                plan.after().stream().collect(Collectors.toMap(Resource::arn, r -> r, (a, b) -> b));
        for (Resource before : plan.before()) {
            out.append("  ").append(change(before, after.get(before.arn()))).append('\n');
        }
        for (int i = 0; i < plan.calls().size(); i++) {
            out.append("  call ")
                    .append(i + 1)
                    .append(": ")
                    .append(plan.calls().get(i).operation())
                    .append(' ')
                    .append(plan.calls().get(i).description())
                    .append('\n');
        }
        return out.toString();
    }

    static String change(Resource before, Resource after) {
        if (before instanceof Rule b && after instanceof Rule a) {
            return "Rule " + b.arn() + " (priority " + b.priority().text() + "): " + ruleChange(b, a);
        }
        return before.arn() + ": " + (before.equals(after) ? "unchanged" : "changed");
    }

    private static String ruleChange(Rule before, Rule after) {
        List<String> parts = new ArrayList<>();
        if (!before.priority().equals(after.priority())) {
            parts.add("priority " + before.priority().text() + " -> "
                    + after.priority().text());
        }
        if (!before.conditions().equals(after.conditions())) {
            parts.add("conditions changed");
        }
        if (!before.action().equals(after.action())) {
            parts.add(actionChange(before.action(), after.action()));
        }
        return parts.isEmpty() ? "unchanged" : String.join("; ", parts);
    }

    private static String actionChange(Action before, Action after) {
        if (before instanceof Forward b
                && after instanceof Forward a
                && groups(b).equals(groups(a))
                && java.util.Objects.equals(b.stickiness(), a.stickiness())) {
            List<String> weights = new ArrayList<>();
            for (int i = 0; i < b.targetGroups().size(); i++) {
                WeightedTargetGroup from = b.targetGroups().get(i);
                WeightedTargetGroup to = a.targetGroups().get(i);
                weights.add(name(from.targetGroupArn()) + " " + from.weight() + " -> " + to.weight());
            }
            return String.join(", ", weights);
        }
        return describe(before) + " -> " + describe(after);
    }

    private static List<String> groups(Forward forward) {
        return forward.targetGroups().stream()
                .map(WeightedTargetGroup::targetGroupArn)
                .toList();
    }

    /** An action in a line with target groups by short name, e.g. "forward to legacy 90, replacement 10". */
    static String describe(Action action) {
        if (action instanceof Forward forward) {
            return "forward to "
                    + forward.targetGroups().stream()
                            .map(g -> name(g.targetGroupArn()) + " " + g.weight())
                            .collect(Collectors.joining(", "));
        }
        return action.describe();
    }

    /** A target group's name from its ARN ("...:targetgroup/legacy/1" is "legacy"), else the ARN. */
    static String name(String targetGroupArn) {
        int at = targetGroupArn.indexOf(":targetgroup/");
        if (at < 0) {
            return targetGroupArn;
        }
        String rest = targetGroupArn.substring(at + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
