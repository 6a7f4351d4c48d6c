package dev.triage.agent.upstream;

import static java.util.Objects.requireNonNull;

/**
 * An attempt that produced no usable response. {@link #requestSent()} is false only when the agent
 * knows the upstream never received the request (connection refused, no target, held back): only
 * then may a non-idempotent request be retried without an honoured idempotency key.
 */
public final class UpstreamException extends Exception {

    public enum Kind {
        /** TCP connect refused or timed out: the request was not sent. */
        CONNECT_FAILURE(504, false),
        /** Connection reset or closed before a complete response. */
        RESET(502, true),
        /** No complete response within the attempt's time. */
        TIMEOUT(504, true),
        /** Garbage status line, oversized headers, malformed framing. */
        PROTOCOL_ERROR(502, true),
        /** Response body above the target group's bound. */
        RESPONSE_TOO_LARGE(502, true),
        /** No target to send to, or admission refused the write: not sent. */
        NOT_SENT(503, false);

        private final int clientStatus;
        private final boolean sentByDefault;

        Kind(int clientStatus, boolean sentByDefault) {
            this.clientStatus = clientStatus;
            this.sentByDefault = sentByDefault;
        }

        /** The status a client sees when this is the final outcome: 502 bad gateway, 503, or 504. */
        public int clientStatus() {
            return clientStatus;
        }
    }

    private final Kind kind;
    private final boolean requestSent;

    public UpstreamException(Kind kind, String message, Throwable cause) {
        this(kind, kind.sentByDefault, message, cause);
    }

    public UpstreamException(Kind kind, boolean requestSent, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = requireNonNull(kind, "kind");
        this.requestSent = requestSent;
    }

    public Kind kind() {
        return kind;
    }

    public boolean requestSent() {
        return requestSent;
    }
}
