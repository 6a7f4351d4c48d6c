package dev.triage.console.traffic.rules;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load balancer with one HTTP listener: a forward rule at priority 10 (/hospitals*, legacy
 * 100, replacement 0) and a default rule answering 404; two target groups. Rule writes (modify,
 * create, delete, priorities) apply at once, as ALB answers them; listener writes are not supported.
 */
final class RulesLoadBalancers implements LoadBalancers {

    static final String LB = "arn:lb/app/edge/1";
    static final String LISTENER = "arn:listener/app/edge/1/80";
    static final String RULE = "arn:listener-rule/app/edge/1/80/10";
    static final String DEFAULT_RULE = "arn:listener-rule/app/edge/1/80/default";
    static final String LEGACY = "arn:targetgroup/legacy/1";
    static final String REPLACEMENT = "arn:targetgroup/replacement/2";

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private int created;

    RulesLoadBalancers() {
        rules.put(
                RULE,
                new Rule(
                        RULE,
                        LISTENER,
                        RulePriority.of(10),
                        List.of(PathPattern.of("/hospitals*")),
                        List.of(new Forward(
                                List.of(new WeightedTargetGroup(LEGACY, 100), new WeightedTargetGroup(REPLACEMENT, 0)),
                                null))));
        rules.put(
                DEFAULT_RULE,
                new Rule(
                        DEFAULT_RULE,
                        LISTENER,
                        RulePriority.DEFAULT,
                        List.of(),
                        List.of(new FixedResponse(404, "text/plain", "not here"))));
    }

    synchronized Rule rule(String arn) {
        return rules.get(arn);
    }

    @Override
    public List<LoadBalancer> loadBalancers() {
        return List.of(new LoadBalancer(
                LB,
                "edge",
                "edge.example",
                LoadBalancer.Scheme.INTERNET_FACING,
                LoadBalancer.Type.APPLICATION,
                null,
                LoadBalancer.State.ACTIVE,
                new Place("123456789012", "eu-west-1")));
    }

    @Override
    public synchronized List<Listener> listeners(String loadBalancerArn) {
        return List.of(new Listener(
                LISTENER,
                LB,
                Protocol.HTTP,
                80,
                List.of(),
                null,
                List.of(rules.get(DEFAULT_RULE).action())));
    }

    @Override
    public synchronized List<Rule> rules(String listenerArn) {
        if (!LISTENER.equals(listenerArn)) {
            throw new CoreException.NotFound("listener", listenerArn);
        }
        List<Rule> sorted = new ArrayList<>(rules.values());
        sorted.sort(Comparator.comparing(Rule::priority));
        return sorted;
    }

    @Override
    public List<TargetGroup> targetGroups(String loadBalancerArn) {
        TargetGroup.HealthCheck check = new TargetGroup.HealthCheck(
                Protocol.HTTP, "/", "traffic-port", Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, "200");
        return List.of(
                new TargetGroup(LEGACY, "legacy", Protocol.HTTP, 80, false, null, check, List.of(LB)),
                new TargetGroup(REPLACEMENT, "replacement", Protocol.HTTP, 80, false, null, check, List.of(LB)));
    }

    @Override
    public List<TargetHealth> targetHealth(String targetGroupArn) {
        return List.of(new TargetHealth("10.0.0.1", 80, TargetHealth.State.HEALTHY, null, null));
    }

    @Override
    public synchronized Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        Rule rule = rules.get(ruleArn);
        if (rule == null) {
            throw new CoreException.NotFound("rule", ruleArn);
        }
        Rule changed = rule.with(conditions, actions);
        rules.put(ruleArn, changed);
        return changed;
    }

    @Override
    public synchronized List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        List<Rule> moved = new ArrayList<>();
        priorities.forEach((arn, priority) -> {
            Rule changed = rules.get(arn).withPriority(priority);
            rules.put(arn, changed);
            moved.add(changed);
        });
        return moved;
    }

    @Override
    public synchronized Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        String arn = "arn:listener-rule/app/edge/1/80/created-" + ++created;
        Rule rule = new Rule(arn, listenerArn, priority, conditions, actions);
        rules.put(arn, rule);
        return rule;
    }

    @Override
    public synchronized void deleteRule(String ruleArn) {
        if (rules.remove(ruleArn) == null) {
            throw new CoreException.NotFound("rule", ruleArn);
        }
    }

    @Override
    public Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteListener(String listenerArn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SslPolicy> sslPolicies() {
        return List.of();
    }
}
