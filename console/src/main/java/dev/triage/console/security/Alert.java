package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import java.time.Instant;

/**
 * One line of the alert list: every event of one (agent, kind, source, route) folded together.
 *
 * @param agent the agent that saw it
 * @param first when the first event of this line happened
 * @param last when the newest one happened (or the end of its summary's window)
 * @param count the occurrences all its events stand for
 * @param evidence the newest event's evidence (secrets masked by the agent)
 * @param message the newest event's line for people
 */
public record Alert(
        String agent,
        SecurityEvent.Kind kind,
        SecurityEvent.Severity severity,
        String sourceIp,
        String route,
        String evidence,
        Instant first,
        Instant last,
        long count,
        String message) {

    public Alert {
        requireNonNull(agent, "agent");
        requireNonNull(kind, "kind");
        requireNonNull(severity, "severity");
        requireNonNull(sourceIp, "sourceIp");
        requireNonNull(route, "route");
        requireNonNull(evidence, "evidence");
        requireNonNull(first, "first");
        requireNonNull(last, "last");
        requireNonNull(message, "message");
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
    }

    /** The first event of a line. */
    static Alert of(String agent, SecurityEvent event) {
        Instant at = event.instant();
        return new Alert(
                agent,
                event.kind(),
                event.severity(),
                event.sourceIp(),
                event.route(),
                event.evidence(),
                at,
                at,
                event.count(),
                event.message());
    }

    /** This line with a later event of the same key folded in. */
    Alert plus(SecurityEvent event) {
        Instant at = event.instant();
        return new Alert(
                agent,
                kind,
                event.severity().compareTo(severity) > 0 ? event.severity() : severity,
                sourceIp,
                route,
                event.evidence(),
                at.isBefore(first) ? at : first,
                at.isAfter(last) ? at : last,
                count + event.count(),
                event.message());
    }

    /** Whether a block rule can name the source: an IP address, not "unknown". */
    public boolean blockable() {
        return sourceIp.indexOf('.') > 0 || sourceIp.indexOf(':') >= 0;
    }

    Key key() {
        return new Key(agent, kind, sourceIp, route);
    }

    record Key(String agent, SecurityEvent.Kind kind, String sourceIp, String route) {}
}
