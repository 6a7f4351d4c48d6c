package dev.triage.core.port;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
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

/**
 * Application Load Balancers: reading listeners, rules and target groups, and the writes change
 * plans make. Reads return everything (adapters follow every page). Writes return the resource as
 * the provider answered; weights may take effect later, so callers read back to verify. Errors:
 * see the package documentation; a write that fails with {@code Invalid} or {@code Conflict}
 * changed nothing.
 */
public interface LoadBalancers {

    /** Every Application Load Balancer in the place this port is bound to. */
    List<LoadBalancer> loadBalancers();

    /** The load balancer's listeners. NotFound if there is no such load balancer. */
    List<Listener> listeners(String loadBalancerArn);

    /** The listener's rules, the default rule included, in priority order. NotFound if no listener. */
    List<Rule> rules(String listenerArn);

    /** The target groups the load balancer routes to. NotFound if no load balancer. */
    List<TargetGroup> targetGroups(String loadBalancerArn);

    /** The health of every registered target. NotFound if no target group. */
    List<TargetHealth> targetHealth(String targetGroupArn);

    /**
     * Replaces the rule's conditions and actions (ModifyRule). The default rule takes no
     * conditions, and its actions are the listener's default actions: changing them shows in
     * {@link #listeners} too (ELBv2 changes them with ModifyListener). Invalid when a
     * forwarded-to target group does not exist or needs group stickiness; NotFound if no rule.
     */
    Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions);

    /**
     * Moves rules to new priorities in one call (SetRulePriorities). Conflict when a priority is
     * held by a rule not in the map; Invalid for the default rule. Returns the moved rules.
     */
    List<Rule> setRulePriorities(Map<String, RulePriority> priorities);

    /**
     * Adds a rule (CreateRule). Conflict when the priority is in use; Invalid when the load
     * balancer's rule quota is reached or a target group does not exist.
     */
    Rule createRule(String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions);

    /** Removes a rule (DeleteRule). Invalid for the default rule; NotFound if no rule. */
    void deleteRule(String ruleArn);

    /**
     * Changes a listener (ModifyListener); null arguments keep what is there. Certificates (the
     * first is the default) and the SSL policy apply to HTTPS listeners only.
     */
    Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy);

    /**
     * Creates an HTTPS listener (CreateListener) with an explicit SSL policy, never the provider's
     * default. Conflict when the port is taken; Invalid when the policy is not one of {@link
     * #sslPolicies()}.
     */
    Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions);

    /**
     * Removes a listener and, with it, its rules (DeleteListener). NotFound if no listener. Change
     * plans delete only a listener they created (the inverse of {@link #createHttpsListener}).
     */
    void deleteListener(String listenerArn);

    /** The SSL policies the provider offers (DescribeSSLPolicies), for choosing one. */
    List<SslPolicy> sslPolicies();

    /**
     * The load balancer's attributes that matter for its security posture (DescribeLoadBalancerAttributes; for the lab,
     * what the edge agent really has, with settings it does not have marked not applicable). NotFound if no load
     * balancer. An adapter that cannot read attributes says so with Invalid; the ELBv2, lab and in-memory adapters
     * all read them.
     */
    default LoadBalancerAttributes loadBalancerAttributes(String loadBalancerArn) {
        throw new CoreException.Invalid(
                "DescribeLoadBalancerAttributes " + loadBalancerArn,
                List.of("not supported by " + getClass().getSimpleName()));
    }
}
