/**
 * Service level objectives over request counts: success rate, error budget and multi-window,
 * multi-burn-rate alerts as the Google SRE workbook describes them ("Alerting on SLOs").
 *
 * <p>{@link dev.triage.core.slo.SloTracker} is the entry point: it takes {@link dev.triage.core.slo.RequestCounts}
 * from agents (per second) or CloudWatch (per minute) and answers queries at an explicit {@code now}. Pure
 * logic: no I/O, no clock, no AWS SDK.
 */
package dev.triage.core.slo;
