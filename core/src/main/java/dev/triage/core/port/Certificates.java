package dev.triage.core.port;

import dev.triage.core.domain.Certificate;
import java.util.List;

/**
 * Server certificates (ACM). Errors: see the package documentation; importing a malformed or
 * mismatched PEM is {@code Invalid} with the reason.
 */
public interface Certificates {

    /** Every certificate in the place this port is bound to, with expiry, status and users. */
    List<Certificate> certificates();

    /** One certificate. NotFound if there is none with that ARN. */
    Certificate describe(String certificateArn);

    /** Imports a certificate and its private key; returns the new certificate as described. */
    Certificate importPem(PemImport pem);
}
