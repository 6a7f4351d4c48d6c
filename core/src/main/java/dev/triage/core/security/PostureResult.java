package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

/**
 * One check's verdict on one resource.
 *
 * @param resource the ARN or id checked (a listener, load balancer, certificate, or an agent's name)
 * @param severity how bad a failure is; {@link Severity#INFO} for any other outcome
 * @param reason one line: why it failed, why it passed, or why it could not be checked
 * @param fix the remediation a failure names, or null (other outcomes, or a failure no plan can fix)
 */
public record PostureResult(
        PostureCheck check, String resource, Outcome outcome, Severity severity, String reason, Remediation fix) {

    public PostureResult {
        requireNonNull(check, "check");
        requireNonNull(resource, "resource");
        requireNonNull(outcome, "outcome");
        requireNonNull(severity, "severity");
        requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.contains("\n")) {
            throw new IllegalArgumentException("reason: '" + reason + "' (expected: one non-blank line)");
        }
        if (outcome != Outcome.FAIL && (severity != Severity.INFO || fix != null)) {
            throw new IllegalArgumentException("severity " + severity + " and fix " + fix + " for " + outcome
                    + " (expected: INFO and no fix unless the check failed)");
        }
    }

    /** What a check found. */
    public enum Outcome {
        PASS,
        FAIL,
        /** The provider has no such setting (the lab's edge agent has no desync mitigation mode). */
        NOT_APPLICABLE,
        /** It could not be checked: the provider did not say, or did not answer. */
        UNKNOWN
    }

    static PostureResult pass(PostureCheck check, String resource, String reason) {
        return new PostureResult(check, resource, Outcome.PASS, Severity.INFO, reason, null);
    }

    static PostureResult fail(PostureCheck check, String resource, Severity severity, String reason, Remediation fix) {
        return new PostureResult(check, resource, Outcome.FAIL, severity, reason, fix);
    }

    static PostureResult notApplicable(PostureCheck check, String resource, String reason) {
        return new PostureResult(check, resource, Outcome.NOT_APPLICABLE, Severity.INFO, reason, null);
    }

    static PostureResult unknown(PostureCheck check, String resource, String reason) {
        return new PostureResult(check, resource, Outcome.UNKNOWN, Severity.INFO, reason, null);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
