/**
 * Security detection on the hot path: per-request detectors (unauthenticated or malformed writes,
 * CDN bypass, scanner paths, injection-shaped input), per-source detectors over bounded state (bursts
 * of 401/403 and of 404, write rate against the source's usual), and the aggregation that turns
 * occurrences into rate-limited {@link dev.triage.agent.api.SecurityEvent}s. {@link
 * dev.triage.agent.detect.SecurityMonitor} is the entry point; the server gives each route a {@link
 * dev.triage.agent.detect.SecurityMonitor.RouteDetector} when a config snapshot is built.
 */
package dev.triage.agent.detect;
