package dev.triage.core.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A listener rule. The default rule has no conditions; every other rule has at least one, at most
 * one each of host-header, http-request-method, path-pattern and source-ip, and at most {@value
 * #MAX_CONDITION_VALUES} condition values in all. Each rule ends in exactly one action.
 */
public record Rule(
        String arn, String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions)
        implements Resource {

    /** At most this many condition values (match evaluations) across one rule's conditions. */
    public static final int MAX_CONDITION_VALUES = 5;

    /**
     * At most this many wildcard characters ('*' and '?') across one rule's host-header,
     * http-header, path-pattern and query-string values (ALB's condition-wildcards-per-alb-rule).
     */
    public static final int MAX_WILDCARDS = 5;

    private static final Set<String> ONCE_PER_RULE =
            Set.of("host-header", "http-request-method", "path-pattern", "source-ip");

    public Rule {
        Validation v = Validation.of("rule " + (priority == null ? arn : priority.text()));
        v.present("arn", arn, "a rule ARN");
        v.present("listenerArn", listenerArn, "a listener ARN");
        v.present("priority", priority, "default or " + RulePriority.MIN + ".." + RulePriority.MAX);
        if (v.present("conditions", conditions, "a list of conditions")) {
            checkConditions(v, priority, conditions);
        }
        if (v.present("actions", actions, "exactly one of forward, redirect or fixed-response")) {
            Listener.checkActions(v, "actions", actions);
        }
        v.throwIfInvalid();
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }

    public boolean isDefault() {
        return priority.isDefault();
    }

    /** The rule's one action. */
    public Action action() {
        return actions.getLast();
    }

    /** The same rule with other conditions and actions (as ModifyRule does). */
    public Rule with(List<Condition> newConditions, List<Action> newActions) {
        return new Rule(arn, listenerArn, priority, newConditions, newActions);
    }

    /** The same rule at another priority (as SetRulePriorities does). */
    public Rule withPriority(RulePriority newPriority) {
        return new Rule(arn, listenerArn, newPriority, conditions, actions);
    }

    private static void checkConditions(Validation v, RulePriority priority, List<Condition> conditions) {
        if (priority != null && priority.isDefault()) {
            v.check(conditions.isEmpty(), "conditions: " + conditions.size() + " (expected: none on the default rule)");
            return;
        }
        v.check(!conditions.isEmpty(), "conditions: none (expected: at least one on a rule other than the default)");
        int values = 0;
        Set<String> seen = new HashSet<>();
        for (Condition condition : conditions) {
            if (!v.present("condition", condition, "a condition")) {
                continue;
            }
            values += condition.valueCount();
            if (ONCE_PER_RULE.contains(condition.field())) {
                v.check(
                        seen.add(condition.field()),
                        "condition: " + condition.field() + " twice (expected: at most one " + condition.field()
                                + " condition per rule)");
            }
        }
        v.check(
                values <= MAX_CONDITION_VALUES,
                "condition values: " + values + " (expected: at most " + MAX_CONDITION_VALUES + " per rule)");
        int wildcards = conditions.stream()
                .filter(java.util.Objects::nonNull)
                .mapToInt(Rule::wildcards)
                .sum();
        v.check(
                wildcards <= MAX_WILDCARDS,
                "wildcards: " + wildcards + " (expected: at most " + MAX_WILDCARDS
                        + " '*' or '?' per rule, across host-header, http-header, path-pattern and query-string)");
    }

    /** The wildcard characters a condition's values hold; methods and source IPs take none. */
    static int wildcards(Condition condition) {
        return switch (condition) {
            case HostHeader h -> wildcards(h.values());
            case PathPattern p -> wildcards(p.values());
            case HttpHeader h -> wildcards(h.values());
            case QueryString q ->
                q.pairs().stream()
                        .mapToInt(pair -> wildcards(pair.value()) + (pair.key() == null ? 0 : wildcards(pair.key())))
                        .sum();
            case HttpRequestMethod m -> 0;
            case SourceIp s -> 0;
        };
    }

    private static int wildcards(List<String> values) {
        return values.stream().mapToInt(Rule::wildcards).sum();
    }

    private static int wildcards(String value) {
        return (int) value.chars().filter(c -> c == '*' || c == '?').count();
    }
}
