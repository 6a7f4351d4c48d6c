package dev.triage.console.traffic;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Rules, actions and weights in words a person reads at a glance, target groups by name. */
final class Words {

    private Words() {}

    static String conditions(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "any request no other rule matched";
        }
        return conditions.stream().map(Condition::describe).collect(Collectors.joining(" and "));
    }

    /** "forward: legacy 90%, replacement 10%" (shares of the total weight), or the action's own words. */
    static String action(Action action) {
        if (action instanceof Forward forward) {
            return "forward: " + shares(forward);
        }
        return action.describe();
    }

    static String shares(Forward forward) {
        int total = forward.totalWeight();
        return forward.targetGroups().stream()
                .map(g -> TargetGroup.nameOf(g.targetGroupArn()) + " " + share(g, total))
                .collect(Collectors.joining(", "));
    }

    private static String share(WeightedTargetGroup group, int total) {
        if (total == 0) {
            return "0% (weight 0)";
        }
        return percent(100.0 * group.weight() / total);
    }

    static String percent(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f%%", value)
                : String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** "legacy 100 → 90, replacement 0 → 10", by group name, from journalled weights. */
    static String weightChange(Map<String, Integer> before, Map<String, Integer> after) {
        return after.entrySet().stream()
                .map(e -> {
                    Integer was = before.get(e.getKey());
                    return TargetGroup.nameOf(e.getKey()) + " "
                            + (was == null || was.equals(e.getValue()) ? "" : was + " → ") + e.getValue();
                })
                .collect(Collectors.joining(", "));
    }
}
