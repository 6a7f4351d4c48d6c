package dev.triage.core.aws.context;

/** A failure talking to AWS, with a message that says what went wrong and what to do. */
public final class AwsProblem extends RuntimeException {

    private final Kind kind;

    public AwsProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** What sort of failure it was, for callers that react differently (e.g. offer an SSO login). */
    public enum Kind {
        NO_CREDENTIALS,
        EXPIRED_CREDENTIALS,
        INVALID_CREDENTIALS,
        ACCESS_DENIED,
        NO_REGION,
        UNKNOWN_REGION,
        UNKNOWN_PROFILE,
        UNREACHABLE,
        THROTTLED,
        SERVICE_ERROR,
        CLIENT_ERROR
    }
}
