package dev.triage.core.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that hold across rules rather than in one: priorities unique within a listener, one
 * default rule per listener, and at most {@value #DEFAULT_RULES_PER_LOAD_BALANCER} rules (not
 * counting default rules) on one load balancer, ALB's default quota.
 */
public final class RuleLimits {

    /** ALB's default quota of rules per load balancer, default rules not counted. */
    public static final int DEFAULT_RULES_PER_LOAD_BALANCER = 100;

    private final int maxRulesPerLoadBalancer;

    private RuleLimits(int maxRulesPerLoadBalancer) {
        this.maxRulesPerLoadBalancer = maxRulesPerLoadBalancer;
    }

    public static RuleLimits defaults() {
        return new RuleLimits(DEFAULT_RULES_PER_LOAD_BALANCER);
    }

    /** Limits for an account whose quota was raised (or lowered, for tests). */
    public static RuleLimits withMaxRulesPerLoadBalancer(int max) {
        Validation v = Validation.of("rule limits");
        v.range("maxRulesPerLoadBalancer", max, 1, 10_000);
        v.throwIfInvalid();
        return new RuleLimits(max);
    }

    public int maxRulesPerLoadBalancer() {
        return maxRulesPerLoadBalancer;
    }

    /** Every problem with one listener's rules. */
    public List<String> problemsOfListener(List<Rule> rules) {
        List<String> problems = new ArrayList<>();
        Map<RulePriority, String> byPriority = new HashMap<>();
        int defaults = 0;
        for (Rule rule : rules) {
            if (rule.isDefault()) {
                defaults++;
                continue;
            }
            String other = byPriority.putIfAbsent(rule.priority(), rule.arn());
            if (other != null) {
                problems.add("priority: " + rule.priority().text() + " used by " + other + " and " + rule.arn()
                        + " (expected: unique within a listener)");
            }
        }
        if (defaults > 1) {
            problems.add("default rules: " + defaults + " (expected: exactly one per listener)");
        }
        return problems;
    }

    /** Every problem with all the rules of one load balancer, listener by listener, then the quota. */
    public List<String> problemsOfLoadBalancer(Map<String, List<Rule>> rulesByListener) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (List<Rule> rules : rulesByListener.values()) {
            problems.addAll(problemsOfListener(rules));
            count += (int) rules.stream().filter(r -> !r.isDefault()).count();
        }
        if (count > maxRulesPerLoadBalancer) {
            problems.add("rules: " + count + " (expected: at most " + maxRulesPerLoadBalancer
                    + " per load balancer, default rules not counted)");
        }
        return problems;
    }

    /** Throws {@link CoreException.Invalid} with every problem, if any. */
    public void check(Map<String, List<Rule>> rulesByListener) {
        List<String> problems = problemsOfLoadBalancer(rulesByListener);
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("load balancer rules", problems);
        }
    }
}
