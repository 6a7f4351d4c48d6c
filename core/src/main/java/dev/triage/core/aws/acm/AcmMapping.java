package dev.triage.core.aws.acm;

import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;

/** ACM's summaries and details as domain {@link Certificate}s. */
final class AcmMapping {

    private AcmMapping() {}

    /**
     * True when the summary holds everything the domain record needs: not in use (so no users to name), every
     * alternative name, a domain, and an expiry when issued.
     */
    static boolean summaryIsEnough(CertificateSummary s) {
        return Boolean.FALSE.equals(s.inUse())
                && !Boolean.TRUE.equals(s.hasAdditionalSubjectAlternativeNames())
                && s.domainName() != null
                && s.status() != null
                && (s.status() != CertificateStatus.ISSUED || s.notAfter() != null);
    }

    static Certificate fromSummary(CertificateSummary s) {
        return certificate(
                s.certificateArn(),
                s.domainName(),
                s.hasSubjectAlternativeNameSummaries() ? s.subjectAlternativeNameSummaries() : List.of(),
                s.notAfter(),
                s.status(),
                s.statusAsString(),
                List.of());
    }

    static Certificate fromDetail(CertificateDetail d) {
        return certificate(
                d.certificateArn(),
                d.domainName(),
                d.hasSubjectAlternativeNames() ? d.subjectAlternativeNames() : List.of(),
                d.notAfter(),
                d.status(),
                d.statusAsString(),
                d.hasInUseBy() ? d.inUseBy() : List.of());
    }

    private static Certificate certificate(
            String arn,
            String domain,
            List<String> names,
            Instant notAfter,
            CertificateStatus status,
            String statusText,
            List<String> inUseBy) {
        String domainName = domain != null ? domain : names.isEmpty() ? "(no domain name)" : names.getFirst();
        return new Certificate(arn, domainName, names, notAfter, status(arn, status, statusText), inUseBy);
    }

    private static Certificate.Status status(String arn, CertificateStatus status, String text) {
        if (status == null || status == CertificateStatus.UNKNOWN_TO_SDK_VERSION) {
            throw new CoreException.Unavailable(
                    AcmErrors.SERVICE,
                    "ACM reported status '" + text + "' for " + arn + ", which this version of triage does not know",
                    null);
        }
        return Certificate.Status.valueOf(status.name());
    }
}
