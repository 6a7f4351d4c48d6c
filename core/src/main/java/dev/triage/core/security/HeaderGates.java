package dev.triage.core.security;

import java.util.Map;

/**
 * Gates in front of targets that require a header outside the load balancer's rules: the lab's edge agent answers 403
 * to a request without the header on a rule whose route policy says so. {@code LabLoadBalancers::requiredHeaders}
 * is one.
 */
@FunctionalInterface
public interface HeaderGates {

    /** None: only the load balancer's rules count (AWS). */
    HeaderGates NONE = listenerArn -> Map.of();

    /** For each rule ARN of the listener that has such a gate, the header it requires. */
    Map<String, String> requiredHeaders(String listenerArn);
}
