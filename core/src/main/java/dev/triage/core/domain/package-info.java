/**
 * Core's domain: immutable records for load balancers, listeners, rules, conditions, actions,
 * target groups, target health, certificates, metric series, SLO state, change plans and audit
 * entries. Each record checks ALB's documented limits in its compact constructor and reports every
 * problem at once as {@link dev.triage.core.domain.CoreException.Invalid}; ports report failures
 * through the sealed {@link dev.triage.core.domain.CoreException} hierarchy.
 */
package dev.triage.core.domain;
