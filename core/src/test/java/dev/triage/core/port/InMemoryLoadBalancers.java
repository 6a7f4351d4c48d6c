package dev.triage.core.port;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RuleLimits;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An in-memory {@link LoadBalancers} that enforces what ALB enforces: the records' limits, unique
 * priorities per listener (Conflict), the rules-per-load-balancer quota (Invalid), forwards only to
 * existing target groups and with group stickiness where a group is sticky, HTTPS listeners only
 * with a known SSL policy, one listener per port, and no priority change or deletion of a default
 * rule. It can also lag reads of rules behind writes (as ALB's weights do) and fail the next call
 * of an operation, for tests of verify and restore. A load balancer's attributes start at the values AWS
 * documents ({@link LoadBalancerAttributes#ELBV2_DEFAULTS}) until a test sets them.
 */
public final class InMemoryLoadBalancers implements LoadBalancers {

    private final RuleLimits limits;
    private final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, List<TargetHealth>> health = new HashMap<>();
    private final Map<String, SslPolicy> sslPolicies = new LinkedHashMap<>();
    private final Map<String, LoadBalancerAttributes> attributes = new HashMap<>();
    private final Map<String, Queue<CoreException>> failures = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private Map<String, Rule> staleRules = Map.of();
    private int staleReadsLeft;
    private int readLag;
    private int nextId = 1;

    public InMemoryLoadBalancers() {
        this(RuleLimits.defaults());
    }

    public InMemoryLoadBalancers(RuleLimits limits) {
        this.limits = requireNonNull(limits, "limits");
    }

    // ---- seeding (not part of the port) ----

    public synchronized InMemoryLoadBalancers add(LoadBalancer loadBalancer) {
        loadBalancers.put(loadBalancer.arn(), loadBalancer);
        attributes.put(
                loadBalancer.arn(),
                LoadBalancerAttributes.fromElbv2(loadBalancer.arn(), LoadBalancerAttributes.ELBV2_DEFAULTS));
        return this;
    }

    /** Sets ELBv2 attribute keys to values (the others keep theirs), as ModifyLoadBalancerAttributes would. */
    public synchronized InMemoryLoadBalancers setAttributes(String loadBalancerArn, Map<String, String> changes) {
        requireLoadBalancer(loadBalancerArn);
        Map<String, String> raw =
                new LinkedHashMap<>(attributes.get(loadBalancerArn).raw());
        raw.putAll(changes);
        attributes.put(loadBalancerArn, LoadBalancerAttributes.fromElbv2(loadBalancerArn, raw));
        return this;
    }

    /** Replaces the attributes as a whole (for settings only another provider has, such as not applicable ones). */
    public synchronized InMemoryLoadBalancers setAttributes(LoadBalancerAttributes replacement) {
        requireLoadBalancer(replacement.loadBalancerArn());
        attributes.put(replacement.loadBalancerArn(), replacement);
        return this;
    }

    public synchronized InMemoryLoadBalancers add(TargetGroup targetGroup) {
        targetGroups.put(targetGroup.arn(), targetGroup);
        return this;
    }

    public synchronized InMemoryLoadBalancers add(SslPolicy policy) {
        sslPolicies.put(policy.name(), policy);
        return this;
    }

    /** Adds a listener and, as ALB does, its default rule (ARN: listener ARN + "/default"). */
    public synchronized InMemoryLoadBalancers add(Listener listener) {
        requireLoadBalancer(listener.loadBalancerArn());
        listeners.put(listener.arn(), listener);
        String ruleArn = listener.arn() + "/default";
        rules.put(
                ruleArn, new Rule(ruleArn, listener.arn(), RulePriority.DEFAULT, List.of(), listener.defaultActions()));
        return this;
    }

    public synchronized InMemoryLoadBalancers setHealth(String targetGroupArn, List<TargetHealth> targets) {
        health.put(requireTargetGroup(targetGroupArn).arn(), List.copyOf(targets));
        return this;
    }

    /** After each write of a rule, the next {@code reads} calls of {@link #rules} show the rules before it. */
    public synchronized void lagRuleReads(int reads) {
        this.readLag = reads;
    }

    /** The next call of {@code operation} (e.g. "ModifyRule") throws {@code failure} and changes nothing. */
    public synchronized void failNext(String operation, CoreException failure) {
        failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(failure);
    }

    /** The operations called so far, in order, as ELBv2 names them. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    // ---- reads ----

    @Override
    public synchronized List<LoadBalancer> loadBalancers() {
        call("DescribeLoadBalancers");
        return List.copyOf(loadBalancers.values());
    }

    @Override
    public synchronized List<Listener> listeners(String loadBalancerArn) {
        call("DescribeListeners");
        requireLoadBalancer(loadBalancerArn);
        return listeners.values().stream()
                .filter(l -> l.loadBalancerArn().equals(loadBalancerArn))
                .toList();
    }

    @Override
    public synchronized List<Rule> rules(String listenerArn) {
        call("DescribeRules");
        requireListener(listenerArn);
        Map<String, Rule> view = rules;
        if (staleReadsLeft > 0) {
            staleReadsLeft--;
            view = staleRules;
        }
        return view.values().stream()
                .filter(r -> r.listenerArn().equals(listenerArn))
                .sorted(Comparator.comparing(Rule::priority))
                .toList();
    }

    @Override
    public synchronized List<TargetGroup> targetGroups(String loadBalancerArn) {
        call("DescribeTargetGroups");
        requireLoadBalancer(loadBalancerArn);
        return targetGroups.values().stream()
                .filter(tg -> tg.loadBalancerArns().contains(loadBalancerArn))
                .toList();
    }

    @Override
    public synchronized List<TargetHealth> targetHealth(String targetGroupArn) {
        call("DescribeTargetHealth");
        requireTargetGroup(targetGroupArn);
        return health.getOrDefault(targetGroupArn, List.of());
    }

    @Override
    public synchronized LoadBalancerAttributes loadBalancerAttributes(String loadBalancerArn) {
        call("DescribeLoadBalancerAttributes");
        requireLoadBalancer(loadBalancerArn);
        return attributes.get(loadBalancerArn);
    }

    @Override
    public synchronized List<SslPolicy> sslPolicies() {
        call("DescribeSSLPolicies");
        return List.copyOf(sslPolicies.values());
    }

    // ---- writes ----

    @Override
    public synchronized Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        call("ModifyRule");
        Rule rule = requireRule(ruleArn);
        Rule changed = rule.with(conditions, actions);
        checkTargets(changed.actions());
        writeRules(Map.of(ruleArn, changed));
        if (changed.isDefault()) {
            Listener listener = listeners.get(changed.listenerArn());
            listeners.put(listener.arn(), withDefaultActions(listener, actions));
        }
        return changed;
    }

    @Override
    public synchronized List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        call("SetRulePriorities");
        Map<String, Rule> moved = new LinkedHashMap<>();
        for (Map.Entry<String, RulePriority> entry : priorities.entrySet()) {
            Rule rule = requireRule(entry.getKey());
            if (rule.isDefault() || entry.getValue().isDefault()) {
                throw new CoreException.Invalid(
                        "rule " + rule.arn(),
                        List.of("priority: " + rule.priority().text() + " -> "
                                + entry.getValue().text()
                                + " (expected: a numbered rule moved to a number; the default rule stays last)"));
            }
            moved.put(rule.arn(), rule.withPriority(entry.getValue()));
        }
        Map<String, Rule> after = new LinkedHashMap<>(rules);
        after.putAll(moved);
        for (Rule rule : moved.values()) {
            conflictIfPriorityTaken(after, rule);
        }
        writeRules(moved);
        return List.copyOf(moved.values());
    }

    @Override
    public synchronized Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        call("CreateRule");
        Listener listener = requireListener(listenerArn);
        if (priority.isDefault()) {
            throw new CoreException.Invalid(
                    "new rule",
                    List.of("priority: default (expected: " + RulePriority.MIN + ".." + RulePriority.MAX + ")"));
        }
        Rule rule = new Rule(listenerArn + "/rule-" + nextId++, listenerArn, priority, conditions, actions);
        checkTargets(rule.actions());
        Map<String, Rule> after = new LinkedHashMap<>(rules);
        after.put(rule.arn(), rule);
        conflictIfPriorityTaken(after, rule);
        limits.check(rulesByListener(after, listener.loadBalancerArn()));
        writeRules(Map.of(rule.arn(), rule));
        return rule;
    }

    @Override
    public synchronized void deleteRule(String ruleArn) {
        call("DeleteRule");
        Rule rule = requireRule(ruleArn);
        if (rule.isDefault()) {
            throw new CoreException.Invalid(
                    "rule " + ruleArn,
                    List.of("rule: the default rule (expected: a numbered rule; delete the listener instead)"));
        }
        snapshotForLag();
        rules.remove(ruleArn);
    }

    @Override
    public synchronized Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        call("ModifyListener");
        Listener old = requireListener(listenerArn);
        if (sslPolicy != null) {
            requireKnownPolicy(sslPolicy);
        }
        Listener changed = new Listener(
                old.arn(),
                old.loadBalancerArn(),
                old.protocol(),
                old.port(),
                certificateArns == null ? old.certificateArns() : certificateArns,
                sslPolicy == null ? old.sslPolicy() : sslPolicy,
                defaultActions == null ? old.defaultActions() : defaultActions);
        checkTargets(changed.defaultActions());
        listeners.put(listenerArn, changed);
        String defaultRule = listenerArn + "/default";
        writeRules(Map.of(defaultRule, rules.get(defaultRule).with(List.of(), changed.defaultActions())));
        return changed;
    }

    @Override
    public synchronized Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        call("CreateListener");
        requireLoadBalancer(loadBalancerArn);
        Listener listener = new Listener(
                loadBalancerArn + "/listener-" + nextId++,
                loadBalancerArn,
                Protocol.HTTPS,
                port,
                certificateArns,
                sslPolicy,
                defaultActions);
        requireKnownPolicy(sslPolicy);
        checkTargets(listener.defaultActions());
        for (Listener other : listeners.values()) {
            if (other.loadBalancerArn().equals(loadBalancerArn) && other.port() == port) {
                throw new CoreException.Conflict("port " + port + " already has a listener (" + other.arn() + ")");
            }
        }
        add(listener);
        return listener;
    }

    @Override
    public synchronized void deleteListener(String listenerArn) {
        call("DeleteListener");
        requireListener(listenerArn);
        snapshotForLag();
        listeners.remove(listenerArn);
        rules.values().removeIf(r -> r.listenerArn().equals(listenerArn));
    }

    // ---- ALB's checks ----

    private void checkTargets(List<Action> actions) {
        List<String> problems = new ArrayList<>();
        for (Action action : actions) {
            if (!(action instanceof Forward forward)) {
                continue;
            }
            boolean anySticky = false;
            for (WeightedTargetGroup group : forward.targetGroups()) {
                TargetGroup tg = targetGroups.get(group.targetGroupArn());
                if (tg == null) {
                    problems.add("target group: " + group.targetGroupArn() + " (expected: an existing target group)");
                } else {
                    anySticky |= tg.stickinessEnabled();
                }
            }
            if (anySticky && forward.targetGroups().size() > 1 && forward.stickiness() == null) {
                problems.add(
                        "stickiness: none (expected: group stickiness, since a target group has stickiness enabled)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("forward action", problems);
        }
    }

    private static void conflictIfPriorityTaken(Map<String, Rule> after, Rule rule) {
        for (Rule other : after.values()) {
            if (!other.arn().equals(rule.arn())
                    && other.listenerArn().equals(rule.listenerArn())
                    && other.priority().equals(rule.priority())) {
                throw new CoreException.Conflict(
                        "priority " + rule.priority().text() + " is already used by rule " + other.arn());
            }
        }
    }

    private Map<String, List<Rule>> rulesByListener(Map<String, Rule> all, String loadBalancerArn) {
        Map<String, List<Rule>> byListener = new LinkedHashMap<>();
        for (Rule rule : all.values()) {
            Listener listener = listeners.get(rule.listenerArn());
            if (listener.loadBalancerArn().equals(loadBalancerArn)) {
                byListener
                        .computeIfAbsent(rule.listenerArn(), k -> new ArrayList<>())
                        .add(rule);
            }
        }
        return byListener;
    }

    private void requireKnownPolicy(String sslPolicy) {
        if (!sslPolicies.containsKey(sslPolicy)) {
            throw new CoreException.Invalid(
                    "SSL policy",
                    List.of("sslPolicy: '" + sslPolicy + "' (expected: one of " + sslPolicies.keySet() + ")"));
        }
    }

    private void writeRules(Map<String, Rule> changed) {
        snapshotForLag();
        rules.putAll(changed);
    }

    private void snapshotForLag() {
        if (readLag > 0) {
            staleRules = new LinkedHashMap<>(rules);
            staleReadsLeft = readLag;
        }
    }

    private static Listener withDefaultActions(Listener l, List<Action> actions) {
        return new Listener(
                l.arn(), l.loadBalancerArn(), l.protocol(), l.port(), l.certificateArns(), l.sslPolicy(), actions);
    }

    private void call(String operation) {
        calls.add(operation);
        Queue<CoreException> queued = failures.get(operation);
        if (queued != null && !queued.isEmpty()) {
            throw queued.remove();
        }
    }

    private LoadBalancer requireLoadBalancer(String arn) {
        LoadBalancer lb = loadBalancers.get(arn);
        if (lb == null) {
            throw new CoreException.NotFound("load balancer", arn);
        }
        return lb;
    }

    private Listener requireListener(String arn) {
        Listener listener = listeners.get(arn);
        if (listener == null) {
            throw new CoreException.NotFound("listener", arn);
        }
        return listener;
    }

    private Rule requireRule(String arn) {
        Rule rule = rules.get(arn);
        if (rule == null) {
            throw new CoreException.NotFound("rule", arn);
        }
        return rule;
    }

    private TargetGroup requireTargetGroup(String arn) {
        TargetGroup tg = targetGroups.get(arn);
        if (tg == null) {
            throw new CoreException.NotFound("target group", arn);
        }
        return tg;
    }
}
