/**
 * Security posture and access-log detection. {@link dev.triage.core.security.PostureChecks} checks the live setup
 * (listeners, rules, certificates, load balancer attributes, agents' admin tokens) and names for each failure the
 * {@link dev.triage.core.security.Remediation} the change planner turns into a plan. {@link
 * dev.triage.core.security.AccessLogDetectors} reads ALB access logs (as {@code AccessLogs} streams them) with bounded
 * memory and aggregates what it finds per (kind, source). Nothing here writes: fixes go through the change planner.
 */
package dev.triage.core.security;
