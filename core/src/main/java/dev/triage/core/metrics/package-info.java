/**
 * Per-second metrics from agents' stats: {@link dev.triage.core.metrics.StatsSampler} polls every agent
 * once a second and writes counter deltas into {@link dev.triage.core.metrics.LiveMetrics}, which keeps
 * 24 hours in compact rings, implements the {@link dev.triage.core.port.Metrics} port, feeds an SLO
 * tracker per scope on demand, reports failures absorbed per target group, each agent's freshness, and
 * recent traffic for the fleet.
 */
package dev.triage.core.metrics;
