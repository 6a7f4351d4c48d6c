package dev.triage.console.tls;

import dev.triage.core.domain.Certificate;
import dev.triage.core.port.PemImport;
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
        return "ImportCertificate into the certificate store (ACM)\n  "
                + String.join("\n  ", inspection.describe(now))
                + "\nNothing on any listener changes: add it to an HTTPS listener afterwards.";
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
