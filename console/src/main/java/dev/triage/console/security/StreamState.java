package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How one agent's event stream stands.
 *
 * @param since when it reached this status
 * @param detail why it is stale (in words), else empty
 */
public record StreamState(String agent, Status status, Instant since, String detail) {

    public StreamState {
        requireNonNull(agent, "agent");
        requireNonNull(status, "status");
        requireNonNull(since, "since");
        requireNonNull(detail, "detail");
    }

    public enum Status {
        CONNECTING,
        LIVE,
        /** The stream dropped or could not open: alerts from this agent are not arriving. */
        STALE
    }

    public boolean stale() {
        return status == Status.STALE;
    }
}
