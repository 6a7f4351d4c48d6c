package dev.triage.core.port;

import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate store that describes what it imports from the PEM itself, as ACM does; a test can make it refuse,
 * describe imports as another domain, or run something before an import (e.g. "the process dies").
 */
public final class InMemoryCertificates implements Certificates {

    /** Every PEM imported, in order. */
    public final List<PemImport> imported = new ArrayList<>();

    private final List<Certificate> held = new ArrayList<>();

    /** When set, every import throws it instead. */
    public RuntimeException refusal;

    /** When set, imports are described with this domain instead of the certificate's own. */
    public String describeAs;

    /** Runs before each import. */
    public Runnable beforeImport = () -> {};

    @Override
    public List<Certificate> certificates() {
        return List.copyOf(held);
    }

    @Override
    public Certificate describe(String certificateArn) {
        return held.stream()
                .filter(c -> c.arn().equals(certificateArn))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("certificate", certificateArn));
    }

    @Override
    public Certificate importPem(PemImport pem) {
        beforeImport.run();
        if (refusal != null) {
            throw refusal;
        }
        imported.add(pem);
        PemImport.Inspection inspection = pem.inspect();
        Certificate certificate = new Certificate(
                "arn:aws:acm:eu-west-1:123456789012:certificate/" + imported.size(),
                describeAs == null ? inspection.name() : describeAs,
                inspection.names(),
                inspection.notAfter(),
                Certificate.Status.ISSUED,
                List.of());
        held.add(certificate);
        return certificate;
    }
}
