package dev.triage.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * Every failure a port reports, in words a person understands. Adapters turn their provider's
 * errors (AWS error codes, HTTP statuses, I/O failures) into exactly one of these; callers switch
 * over the sealed hierarchy instead of parsing messages.
 */
public abstract sealed class CoreException extends RuntimeException
        permits CoreException.NotFound,
                CoreException.Throttled,
                CoreException.Denied,
                CoreException.Invalid,
                CoreException.Conflict,
                CoreException.Unavailable {

    private CoreException(String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
    }

    /** The named thing does not exist (or no longer exists). */
    public static final class NotFound extends CoreException {
        private final String kind;
        private final String id;

        public NotFound(String kind, String id) {
            this(kind, id, null);
        }

        public NotFound(String kind, String id, Throwable cause) {
            super(requireNonNull(kind, "kind") + " " + requireNonNull(id, "id") + " was not found", cause);
            this.kind = kind;
            this.id = id;
        }

        public String kind() {
            return kind;
        }

        public String id() {
            return id;
        }
    }

    /** The provider asked us to slow down and retries were spent; trying again later may succeed. */
    public static final class Throttled extends CoreException {
        private final String operation;

        public Throttled(String operation, Throwable cause) {
            super(
                    requireNonNull(operation, "operation")
                            + " was throttled by the provider; wait a moment and try again",
                    cause);
            this.operation = operation;
        }

        public String operation() {
            return operation;
        }
    }

    /** The identity in use may not do this; the message names the operation and, if known, why. */
    public static final class Denied extends CoreException {
        private final String operation;

        public Denied(String operation, String detail, Throwable cause) {
            super(
                    "not allowed to " + requireNonNull(operation, "operation")
                            + (detail == null || detail.isBlank() ? "" : ": " + detail),
                    cause);
            this.operation = operation;
        }

        public String operation() {
            return operation;
        }
    }

    /** A value breaks a rule; {@link #problems()} lists every problem found, not only the first. */
    public static final class Invalid extends CoreException {
        private final String subject;
        private final List<String> problems;

        public Invalid(String subject, List<String> problems) {
            this(subject, problems, null);
        }

        public Invalid(String subject, List<String> problems, Throwable cause) {
            super(describe(subject, problems), cause);
            this.subject = subject;
            this.problems = List.copyOf(problems);
        }

        public String subject() {
            return subject;
        }

        public List<String> problems() {
            return problems;
        }

        private static String describe(String subject, List<String> problems) {
            requireNonNull(subject, "subject");
            requireNonNull(problems, "problems");
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems: empty (expected: at least one problem)");
            }
            return problems.size() == 1
                    ? subject + ": " + problems.getFirst()
                    : subject + " has " + problems.size() + " problems: " + String.join("; ", problems);
        }
    }

    /**
     * The live state does not allow this now: a priority in use, a resource in use, or a change
     * someone else made since it was read.
     */
    public static final class Conflict extends CoreException {
        public Conflict(String detail) {
            this(detail, null);
        }

        public Conflict(String detail, Throwable cause) {
            super(requireNonNull(detail, "detail"), cause);
        }
    }

    /** The provider could not be reached or failed on its side; the state is unknown or unchanged. */
    public static final class Unavailable extends CoreException {
        private final String service;
        private final Duration retryAfter;

        public Unavailable(String service, String detail, Throwable cause) {
            this(service, detail, null, cause);
        }

        /** @param retryAfter a hint how long to wait, or null when none was given */
        public Unavailable(String service, String detail, Duration retryAfter, Throwable cause) {
            super(
                    requireNonNull(service, "service") + " is unavailable"
                            + (detail == null || detail.isBlank() ? "" : ": " + detail),
                    cause);
            this.service = service;
            this.retryAfter = retryAfter;
        }

        public String service() {
            return service;
        }

        /** A hint how long to wait before trying again, or null. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
