package dev.triage.agent.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A security event an agent's detectors raised, as published on {@code GET /admin/events} (event
 * type {@code security}). The first occurrence of a (kind, source, route) is published at once
 * ({@code summary} false, {@code count} 1); further occurrences within the aggregation window are
 * published as one summary ({@code summary} true, {@code count} how many, {@code windowMs} over how
 * long). Evidence never holds a credential, the CDN header's value or a secret query parameter.
 *
 * @param kind what was detected
 * @param severity how bad it is
 * @param sourceIp the client's address (the peer, or the X-Forwarded-For hop trusted proxies vouch for)
 * @param route the rule that matched ({@code default:<listener>} for a listener's default action)
 * @param evidence a short sample of the request, secrets masked (at most {@value #MAX_EVIDENCE_CHARS}
 *     characters); for a summary, the last occurrence's
 * @param time ISO-8601 UTC: the occurrence (first event) or the end of the window (summary)
 * @param count the occurrences this event stands for
 * @param windowMs 0 for a first event; the window a summary covers
 * @param summary whether this event summarises repeats of an earlier one
 * @param message one line for people, e.g. "unauthenticated write from 203.0.113.7 on route writes"
 */
public record SecurityEvent(
        Kind kind,
        Severity severity,
        String sourceIp,
        String route,
        String evidence,
        String time,
        long count,
        long windowMs,
        boolean summary,
        String message) {

    public static final int MAX_EVIDENCE_CHARS = 300;

    public SecurityEvent {
        requireNonNull(kind, "kind");
        requireNonNull(severity, "severity");
        requireNonNull(sourceIp, "sourceIp");
        requireNonNull(route, "route");
        requireNonNull(evidence, "evidence");
        requireNonNull(time, "time");
        try {
            Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: " + time + " (expected: an ISO-8601 instant)", e);
        }
        if (evidence.length() > MAX_EVIDENCE_CHARS) {
            throw new IllegalArgumentException(
                    "evidence: " + evidence.length() + " characters (expected: at most " + MAX_EVIDENCE_CHARS + ")");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (windowMs < 0 || (summary && windowMs == 0)) {
            throw new IllegalArgumentException(
                    "windowMs: " + windowMs + " (expected: " + (summary ? "> 0 for a summary" : ">= 0") + ")");
        }
        if (message == null || message.isBlank()) {
            message = describe(kind, sourceIp, route, count, windowMs, summary);
        }
    }

    /** The first occurrence of a (kind, source, route): published at once. */
    public static SecurityEvent first(Kind kind, String sourceIp, String route, String evidence, Instant time) {
        return new SecurityEvent(kind, kind.severity(), sourceIp, route, evidence, time.toString(), 1, 0, false, null);
    }

    /** {@code count} more occurrences within {@code windowMs} ending at {@code time}. */
    public static SecurityEvent summary(
            Kind kind, String sourceIp, String route, String evidence, Instant time, long count, long windowMs) {
        return new SecurityEvent(
                kind, kind.severity(), sourceIp, route, evidence, time.toString(), count, windowMs, true, null);
    }

    /** {@link #time()} as an instant. */
    public Instant instant() {
        return Instant.parse(time);
    }

    private static String describe(
            Kind kind, String sourceIp, String route, long count, long windowMs, boolean summary) {
        String what = kind.label() + " from " + sourceIp + " on route " + route;
        if (!summary) {
            return count == 1 ? what : what + " (" + count + " in " + seconds(windowMs) + ")";
        }
        return what + ": and " + count + " more in " + seconds(windowMs);
    }

    private static String seconds(long ms) {
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** How bad an event is. */
    public enum Severity {
        @JsonProperty("info")
        INFO,
        @JsonProperty("warning")
        WARNING,
        @JsonProperty("critical")
        CRITICAL
    }

    /** What a detector saw. The JSON names are the lower-case ones in {@link #wire()}. */
    public enum Kind {
        /** A write (POST, PUT, PATCH, DELETE) without an Authorization header. */
        @JsonProperty("unauthenticated_write")
        UNAUTHENTICATED_WRITE("unauthenticated_write", Severity.CRITICAL, "unauthenticated write"),
        /** A write whose Authorization is not a well-formed credential. */
        @JsonProperty("malformed_credentials")
        MALFORMED_CREDENTIALS("malformed_credentials", Severity.WARNING, "malformed credentials"),
        /** Many 401/403 answers to one source within a window (credential guessing). */
        @JsonProperty("auth_failure_burst")
        AUTH_FAILURE_BURST("auth_failure_burst", Severity.CRITICAL, "burst of 401/403 answers (credential guessing)"),
        /** A request without the CDN's secret header (or with a wrong value) where the route requires it. */
        @JsonProperty("cdn_bypass")
        CDN_BYPASS("cdn_bypass", Severity.CRITICAL, "request bypassing the CDN"),
        /** Many 404 answers to one source within a window (probing). */
        @JsonProperty("not_found_burst")
        NOT_FOUND_BURST("not_found_burst", Severity.WARNING, "burst of 404 answers (probing)"),
        /** A path that vulnerability scanners ask for (/.env, /wp-admin, /.git/ ...). */
        @JsonProperty("scanner_path")
        SCANNER_PATH("scanner_path", Severity.WARNING, "scanner path"),
        /** Injection-shaped input in the path or query: traversal, SQL, script. */
        @JsonProperty("injection")
        INJECTION("injection", Severity.WARNING, "injection-shaped input"),
        /** A source's write rate far above its usual. */
        @JsonProperty("write_rate")
        WRITE_RATE("write_rate", Severity.WARNING, "write rate far above the source's usual");

        private final String wire;
        private final Severity severity;
        private final String label;

        Kind(String wire, Severity severity, String label) {
            this.wire = wire;
            this.severity = severity;
            this.label = label;
        }

        /** The name in JSON and in metrics labels. */
        public String wire() {
            return wire;
        }

        public Severity severity() {
            return severity;
        }

        /** A few words for people. */
        public String label() {
            return label;
        }
    }
}
