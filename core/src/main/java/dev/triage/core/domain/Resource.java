package dev.triage.core.domain;

/**
 * A thing a change plan reads and writes, named by its ARN (or, for the lab, an id of the same
 * shape). Plans and audit entries hold before and after states as resources.
 */
public sealed interface Resource permits LoadBalancer, Listener, Rule, TargetGroup, Certificate {

    /** The ARN, or the lab's id for the same thing. */
    String arn();
}
