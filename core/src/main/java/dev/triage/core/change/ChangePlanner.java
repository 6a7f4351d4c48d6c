package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Computes change plans from the live state read through the port: the resources before and
 * after, and the exact calls. Plans only; {@link ChangeApplier} applies them.
 */
public final class ChangePlanner {

    static final String MODIFY_RULE = "ModifyRule";
    static final String RULE_ARN = "RuleArn";
    static final String CONDITIONS = "Conditions";
    static final String ACTIONS = "Actions";

    private final LoadBalancers loadBalancers;
    private final Supplier<String> ids;

    public ChangePlanner(LoadBalancers loadBalancers) {
        this(loadBalancers, () -> UUID.randomUUID().toString());
    }

    public ChangePlanner(LoadBalancers loadBalancers, Supplier<String> ids) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.ids = requireNonNull(ids, "ids");
    }

    /**
     * Sets the weights of some of a forwarding rule's target groups (the others keep theirs).
     * Invalid when a group is not in the rule's forward, a weight is outside 0..999, every weight
     * would be 0, or nothing would change; NotFound when there is no such rule.
     */
    public ChangePlan shiftWeights(String ruleArn, Map<String, Integer> weights) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(weights, "weights");
        Rule live = findRule(ruleArn);
        String subject = "weight shift of rule " + live.priority().text();
        if (!(live.action() instanceof Forward forward)) {
            throw new CoreException.Invalid(
                    subject, List.of("action: " + live.action().type() + " (expected: forward)"));
        }
        List<String> problems = new ArrayList<>();
        if (weights.isEmpty()) {
            problems.add("weights: none (expected: at least one target group and weight)");
        }
        List<String> groups = forward.targetGroups().stream()
                .map(WeightedTargetGroup::targetGroupArn)
                .toList();
        Forward shifted = forward;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            String group = entry.getKey();
            Integer weight = entry.getValue();
            if (group == null || !groups.contains(group)) {
                problems.add("target group: " + group + " (expected: one of " + groups + ")");
            } else if (weight == null
                    || weight < WeightedTargetGroup.MIN_WEIGHT
                    || weight > WeightedTargetGroup.MAX_WEIGHT) {
                problems.add("weight of " + PlanPreview.name(group) + ": " + weight + " (expected: "
                        + WeightedTargetGroup.MIN_WEIGHT + ".." + WeightedTargetGroup.MAX_WEIGHT + ")");
            } else {
                shifted = shifted.withWeight(group, weight);
            }
        }
        if (problems.isEmpty() && shifted.totalWeight() == 0) {
            problems.add("weights: all 0 (expected: at least one target group with a weight above 0)");
        }
        if (problems.isEmpty() && shifted.equals(forward)) {
            problems.add("weights: the same as now (expected: a change)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid(subject, problems);
        }
        return plan(
                "shift weights of rule " + live.priority().text(), List.of(live), List.of(withAction(live, shifted)));
    }

    /**
     * The plan that undoes {@code plan}: a ModifyRule per touched rule back to how it read
     * before, planned against the state {@code plan} leaves.
     */
    public ChangePlan inverse(ChangePlan plan) {
        requireNonNull(plan, "plan");
        return plan("undo: " + plan.title(), plan.after(), plan.before());
    }

    /**
     * The plan that moves rules from the weights a journal entry left ({@code expected}) back to
     * {@code target}. Its {@code before} is the live rule with the expected weights, so applying it
     * refuses with drift if anything changed the weights since.
     */
    ChangePlan restoreWeights(String title, List<RuleWeights> expected, List<RuleWeights> target) {
        Map<String, RuleWeights> targets = new LinkedHashMap<>();
        target.forEach(t -> targets.put(t.ruleArn(), t));
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        for (RuleWeights weights : expected) {
            Rule live = rules(weights.listenerArn()).stream()
                    .filter(r -> r.arn().equals(weights.ruleArn()))
                    .findFirst()
                    .orElseThrow(() -> new CoreException.NotFound("rule", weights.ruleArn()));
            RuleWeights to = targets.get(weights.ruleArn());
            if (to == null) {
                throw new CoreException.Invalid(
                        "undo", List.of("rule: " + weights.ruleArn() + " (expected: recorded weights to restore)"));
            }
            before.add(withWeights(live, weights));
            after.add(withWeights(live, to));
        }
        return plan(title, before, after);
    }

    /** The rule with this ARN, read live; NotFound if there is none. */
    Rule findRule(String ruleArn) {
        Optional<Rule> quick = listenerOf(ruleArn).flatMap(listener -> find(listener, ruleArn));
        if (quick.isPresent()) {
            return quick.get();
        }
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                Optional<Rule> rule = find(listener.arn(), ruleArn);
                if (rule.isPresent()) {
                    return rule.get();
                }
            }
        }
        throw new CoreException.NotFound("rule", ruleArn);
    }

    private Optional<Rule> find(String listenerArn, String ruleArn) {
        try {
            return rules(listenerArn).stream()
                    .filter(r -> r.arn().equals(ruleArn))
                    .findFirst();
        } catch (CoreException.NotFound e) {
            return Optional.empty();
        }
    }

    private List<Rule> rules(String listenerArn) {
        return loadBalancers.rules(listenerArn);
    }

    /**
     * The listener a rule ARN belongs to by its shape: ALB's "...:listener-rule/app/n/id/l/r"
     * belongs to "...:listener/app/n/id/l"; the lab's "listener/.../rule-1" to "listener/...".
     */
    private static Optional<String> listenerOf(String ruleArn) {
        int slash = ruleArn.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(ruleArn.substring(0, slash).replace(":listener-rule/", ":listener/"));
    }

    private ChangePlan plan(String title, List<Resource> before, List<Resource> after) {
        List<ApiCall> calls = new ArrayList<>();
        for (Resource resource : after) {
            Rule rule = (Rule) resource;
            calls.add(modifyRule(rule));
        }
        return new ChangePlan(ids.get(), title, calls, before, after, null);
    }

    static ApiCall modifyRule(Rule rule) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(RULE_ARN, rule.arn());
        parameters.put(CONDITIONS, rule.conditions());
        parameters.put(ACTIONS, rule.actions());
        return new ApiCall(
                MODIFY_RULE, parameters, "rule " + rule.priority().text() + " " + PlanPreview.describe(rule.action()));
    }

    private static Rule withAction(Rule rule, Action action) {
        List<Action> actions = new ArrayList<>(rule.actions());
        actions.set(actions.size() - 1, action);
        return rule.with(rule.conditions(), actions);
    }

    private static Rule withWeights(Rule live, RuleWeights weights) {
        Duration stickiness = live.action() instanceof Forward f ? f.stickiness() : null;
        List<WeightedTargetGroup> groups = new ArrayList<>();
        weights.weights().forEach((arn, weight) -> groups.add(new WeightedTargetGroup(arn, weight)));
        return withAction(live, new Forward(groups, stickiness));
    }
}
