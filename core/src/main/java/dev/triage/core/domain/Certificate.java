package dev.triage.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A certificate as ACM describes it.
 *
 * @param notAfter the end of validity, or null while none is issued (pending validation)
 * @param inUseBy the ARNs of the resources (listeners, load balancers) that use it
 */
public record Certificate(
        String arn,
        String domainName,
        List<String> subjectAlternativeNames,
        Instant notAfter,
        Status status,
        List<String> inUseBy)
        implements Resource {

    public Certificate {
        Validation v = Validation.of("certificate " + domainName);
        v.present("arn", arn, "a certificate ARN");
        v.present("domainName", domainName, "a domain name");
        v.present("status", status, "a status");
        if (status == Status.ISSUED) {
            v.present("notAfter", notAfter, "an expiry on an issued certificate");
        }
        v.throwIfInvalid();
        subjectAlternativeNames = subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
        inUseBy = inUseBy == null ? List.of() : List.copyOf(inUseBy);
    }

    /**
     * Whole days from {@code now} to expiry, rounded down: 0 on the last day, negative once
     * expired (-1 during the first day after). Throws when there is no expiry.
     */
    public long daysToExpiry(Instant now) {
        if (notAfter == null) {
            throw new IllegalStateException("certificate " + domainName + " has no expiry (status " + status + ")");
        }
        return Math.floorDiv(
                Duration.between(now, notAfter).toSeconds(), Duration.ofDays(1).toSeconds());
    }

    public boolean inUse() {
        return !inUseBy.isEmpty();
    }

    public enum Status {
        PENDING_VALIDATION,
        ISSUED,
        INACTIVE,
        EXPIRED,
        VALIDATION_TIMED_OUT,
        REVOKED,
        FAILED
    }
}
