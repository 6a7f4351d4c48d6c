package dev.triage.core.change;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The text a person reads in seconds before saying yes to a plan. */
public final class PlanPreview {

    private PlanPreview() {}

    /**
     * One line per touched resource, e.g. {@code Rule arn:... (priority 10): legacy 100 -> 90,
     * replacement 0 -> 10}, {@code New rule at priority 1 of arn:...: if source is in
     * 203.0.113.7/32 then answer 403} or {@code Listener arn:... (HTTPS 443): SSL policy A -> B},
     * then one line per API call. The values of the plan's secret headers ({@link
     * ChangePlan#secretHeaders()}) read as {@code ***}, so a preview on screen or in a log shows no
     * secret.
     */
    public static String text(ChangePlan plan) {
        String text = clearText(plan);
        if (plan.secretHeaders().isEmpty()) {
            return text;
        }
        java.util.Set<String> values = new Masking(
                        plan.secretHeaders(), SecretDigests.beside(java.nio.file.Path.of("unused")))
                .values(List.of(plan.before(), plan.after()));
        for (String value : values) {
            text = text.replace(value, "***");
        }
        return text;
    }

    private static String clearText(ChangePlan plan) {
        StringBuilder out = new StringBuilder(plan.title()).append('\n');
        Map<String, Resource> after =
                plan.after().stream().collect(Collectors.toMap(Resource::arn, r -> r, (a, b) -> b));
        Map<String, Resource> before =
                plan.before().stream().collect(Collectors.toMap(Resource::arn, r -> r, (a, b) -> b));
        for (Resource was : plan.before()) {
            Resource now = after.get(was.arn());
            out.append("  ")
                    .append(now == null ? deleted(was) : change(was, now))
                    .append('\n');
        }
        for (Resource now : plan.after()) {
            if (!before.containsKey(now.arn())) {
                out.append("  ").append(created(now)).append('\n');
            }
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
        if (before instanceof Listener b && after instanceof Listener a) {
            return "Listener " + b.arn() + " (" + b.protocol() + " " + b.port() + "): " + listenerChange(b, a);
        }
        return before.arn() + ": " + (before.equals(after) ? "unchanged" : "changed");
    }

    private static String created(Resource resource) {
        return switch (resource) {
            case Rule r ->
                "New rule at priority " + r.priority().text() + " of " + r.listenerArn() + ": if "
                        + conditions(r.conditions()) + " then " + describe(r.action());
            case Listener l ->
                "New " + l.protocol() + " listener on port " + l.port() + " of " + l.loadBalancerArn()
                        + ": SSL policy " + l.sslPolicy() + ", certificates " + l.certificateArns() + ", "
                        + describe(l.defaultAction());
            default -> "New " + resource.arn();
        };
    }

    private static String deleted(Resource resource) {
        return switch (resource) {
            case Rule r ->
                "Delete rule " + r.arn() + " (priority " + r.priority().text() + "): if " + conditions(r.conditions())
                        + " then " + describe(r.action());
            case Listener l ->
                "Delete " + l.protocol() + " listener " + l.arn() + " (port " + l.port() + ", "
                        + describe(l.defaultAction()) + ")";
            default -> "Delete " + resource.arn();
        };
    }

    /** What changes on a listener, e.g. "SSL policy A -> B; default action forward ... -> redirect ...". */
    static String listenerChange(Listener before, Listener after) {
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(before.sslPolicy(), after.sslPolicy())) {
            parts.add("SSL policy " + before.sslPolicy() + " -> " + after.sslPolicy());
        }
        if (!before.certificateArns().equals(after.certificateArns())) {
            parts.add("certificates " + before.certificateArns() + " -> " + after.certificateArns());
        }
        if (!before.defaultActions().equals(after.defaultActions())) {
            parts.add("default action " + describe(before.defaultAction()) + " -> " + describe(after.defaultAction()));
        }
        return parts.isEmpty() ? "unchanged" : String.join("; ", parts);
    }

    /** Conditions in a line, e.g. "path-pattern is /api/* and header X-Cdn is s3cret"; "any request" when none. */
    static String conditions(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "any request";
        }
        return conditions.stream().map(Condition::describe).collect(Collectors.joining(" and "));
    }

    private static String ruleChange(Rule before, Rule after) {
        List<String> parts = new ArrayList<>();
        if (!before.priority().equals(after.priority())) {
            parts.add("priority " + before.priority().text() + " -> "
                    + after.priority().text());
        }
        if (!before.conditions().equals(after.conditions())) {
            parts.add("conditions " + conditions(before.conditions()) + " -> " + conditions(after.conditions()));
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
                && Objects.equals(b.stickiness(), a.stickiness())) {
            List<String> weights = new ArrayList<>();
            for (int i = 0; i < b.targetGroups().size(); i++) {
                WeightedTargetGroup from = b.targetGroups().get(i);
                WeightedTargetGroup to = a.targetGroups().get(i);
                weights.add(TargetGroup.nameOf(from.targetGroupArn()) + " " + from.weight() + " -> " + to.weight());
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
                            .map(g -> TargetGroup.nameOf(g.targetGroupArn()) + " " + g.weight())
                            .collect(Collectors.joining(", "));
        }
        return action.describe();
    }
}
