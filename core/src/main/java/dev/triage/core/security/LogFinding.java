package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the access-log detectors found for one (kind, source): every matching request from that client, aggregated.
 *
 * @param sourceIp the client address the load balancer saw (the CDN's edge when the request came through it)
 * @param path the path of the first matching request (no query)
 * @param route the rule that handled that request: "rule 10", "default rule", "rule evaluation error" or "no rule"
 * @param evidence a short sample of that request, every query value masked, at most 300 characters
 * @param first the earliest matching request's time
 * @param last the latest matching request's time
 * @param count how many requests the finding stands for (for a burst: those in windows that reached the threshold)
 * @param fix the remediation the console offers (block the source), or null where blocking would not help or would hurt
 *     staff (a CDN address, a rule problem)
 */
public record LogFinding(
        LogFindingKind kind,
        Severity severity,
        String sourceIp,
        String path,
        String route,
        String evidence,
        Instant first,
        Instant last,
        long count,
        Remediation fix) {

    public LogFinding {
        requireNonNull(kind, "kind");
        requireNonNull(severity, "severity");
        requireNonNull(sourceIp, "sourceIp");
        requireNonNull(path, "path");
        requireNonNull(route, "route");
        requireNonNull(evidence, "evidence");
        requireNonNull(first, "first");
        requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last: " + last + " (expected: not before first, " + first + ")");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
    }

    /** One line for people, e.g. "write answered 2XX from outside the CDN from 203.0.113.7: 12 between ...". */
    public String message() {
        return kind.label() + " from " + sourceIp + " on " + path + ": " + count
                + (count == 1 ? " request at " + first : " requests between " + first + " and " + last);
    }
}
