package dev.triage.core.port;

import dev.triage.core.domain.Validation;

/**
 * A certificate to import, in PEM. {@link #toString()} never shows the private key.
 *
 * @param chainPem the intermediate certificates, or null
 */
public record PemImport(String certificatePem, String privateKeyPem, String chainPem) {

    public PemImport {
        Validation v = Validation.of("PEM import");
        if (v.present("certificatePem", certificatePem, "a PEM certificate")) {
            v.check(
                    certificatePem.contains("-----BEGIN CERTIFICATE-----"),
                    "certificatePem: no BEGIN CERTIFICATE line (expected: a PEM certificate)");
        }
        if (v.present("privateKeyPem", privateKeyPem, "a PEM private key")) {
            v.check(
                    privateKeyPem.contains("PRIVATE KEY-----"),
                    "privateKeyPem: no PRIVATE KEY line (expected: a PEM private key)");
        }
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "PemImport[certificate=" + certificatePem.length() + " characters, privateKey=<redacted>, chain="
                + (chainPem == null ? "none" : chainPem.length() + " characters") + "]";
    }
}
