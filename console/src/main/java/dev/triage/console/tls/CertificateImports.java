package dev.triage.console.tls;

import dev.triage.core.domain.Certificate;
import dev.triage.core.port.PemImport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a certificate import reads before it is confirmed and after it is done. Never mentions the key's content. */
final class CertificateImports {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private CertificateImports() {}

    /** The preview shown in the confirm pane. */
    static String preview(PemImport.Inspection inspection, Instant now) {
        long days = Duration.between(now, inspection.notAfter()).toDays();
        StringBuilder text = new StringBuilder();
        text.append("ImportCertificate into the certificate store (ACM)\n");
        text.append("  subject:   ").append(inspection.subject()).append('\n');
        text.append("  names:     ")
                .append(inspection.names().isEmpty() ? "none (no DNS names)" : String.join(", ", inspection.names()))
                .append('\n');
        text.append("  valid:     ")
                .append(DAY.format(inspection.notBefore()))
                .append(" to ")
                .append(DAY.format(inspection.notAfter()))
                .append(days < 0 ? " (EXPIRED " + -days + " days ago)" : " (" + days + " days left)")
                .append('\n');
        text.append("  key:       ")
                .append(inspection.key())
                .append(", matches the certificate; sent to ACM only, never shown or stored by Triage\n");
        text.append("  chain:     ")
                .append(
                        inspection.chainCertificates() == 0
                                ? "none (clients must already trust the issuer)"
                                : inspection.chainCertificates() + " intermediate certificate(s)")
                .append('\n');
        text.append("Nothing on any listener changes: add it to an HTTPS listener afterwards.");
        return text.toString();
    }

    /** What the screen says once the store answered. */
    static String outcome(Certificate imported, PemImport.Inspection expected) {
        if (expected.describedBy(imported)) {
            return "Verified: imported " + imported.domainName() + " (" + imported.status() + ", expires "
                    + DAY.format(imported.notAfter()) + ") as " + imported.arn() + ".";
        }
        return "Imported as " + imported.arn() + ", but the store describes it as " + imported.domainName()
                + " expiring " + (imported.notAfter() == null ? "never" : DAY.format(imported.notAfter()))
                + " (expected: " + expected.name() + " expiring " + DAY.format(expected.notAfter())
                + "); check it in the certificate list.";
    }
}
