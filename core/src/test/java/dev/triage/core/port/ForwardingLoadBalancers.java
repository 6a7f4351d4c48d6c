package dev.triage.core.port;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import java.util.List;
import java.util.Map;

/** Passes every call on to another port; a test extends it and overrides the calls it intercepts. */
public class ForwardingLoadBalancers implements LoadBalancers {

    private final LoadBalancers delegate;

    public ForwardingLoadBalancers(LoadBalancers delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<LoadBalancer> loadBalancers() {
        return delegate.loadBalancers();
    }

    @Override
    public List<Listener> listeners(String loadBalancerArn) {
        return delegate.listeners(loadBalancerArn);
    }

    @Override
    public List<Rule> rules(String listenerArn) {
        return delegate.rules(listenerArn);
    }

    @Override
    public List<TargetGroup> targetGroups(String loadBalancerArn) {
        return delegate.targetGroups(loadBalancerArn);
    }

    @Override
    public List<TargetHealth> targetHealth(String targetGroupArn) {
        return delegate.targetHealth(targetGroupArn);
    }

    @Override
    public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        return delegate.modifyRule(ruleArn, conditions, actions);
    }

    @Override
    public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        return delegate.setRulePriorities(priorities);
    }

    @Override
    public Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        return delegate.createRule(listenerArn, priority, conditions, actions);
    }

    @Override
    public void deleteRule(String ruleArn) {
        delegate.deleteRule(ruleArn);
    }

    @Override
    public Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        return delegate.modifyListener(listenerArn, defaultActions, certificateArns, sslPolicy);
    }

    @Override
    public Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        return delegate.createHttpsListener(loadBalancerArn, port, certificateArns, sslPolicy, defaultActions);
    }

    @Override
    public void deleteListener(String listenerArn) {
        delegate.deleteListener(listenerArn);
    }

    @Override
    public List<SslPolicy> sslPolicies() {
        return delegate.sslPolicies();
    }

    @Override
    public LoadBalancerAttributes loadBalancerAttributes(String loadBalancerArn) {
        return delegate.loadBalancerAttributes(loadBalancerArn);
    }
}
