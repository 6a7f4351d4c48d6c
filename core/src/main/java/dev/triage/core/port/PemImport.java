package dev.triage.core.port;

import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** The largest PEM file {@link #readFile} reads: certificates, keys and chains are a few KiB. */
    public static final long MAX_FILE_BYTES = 256 * 1024;

    /**
     * Reads one PEM file for an import; {@code what} names it in the errors (e.g. "--key" or "private key"):
     * IllegalArgumentException when it is not a file or larger than {@link #MAX_FILE_BYTES}.
     */
    public static String readFile(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + ": " + file + " is not a file (expected: a PEM file to read)");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(what + ": " + file + " is " + size
                    + " bytes (expected: a PEM file of at most " + MAX_FILE_BYTES / 1024 + " KiB)");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /**
     * What the PEM holds, checked here without any call: the certificate's subject, names and validity, its key,
     * the chain's length, and every problem an import would be refused for (one certificate, a chain that parses,
     * an unencrypted key that is the certificate's). Nothing in it quotes the private key.
     */
    public Inspection inspect() {
        List<String> problems = new ArrayList<>();
        X509Certificate certificate = PemCheck.check(this, problems);
        List<String> redacted = PemCheck.redact(problems, this);
        int chain = PemCheck.chainLength(chainPem);
        if (certificate == null) {
            return new Inspection(null, List.of(), null, null, null, chain, redacted);
        }
        return new Inspection(
                certificate.getSubjectX500Principal().getName(),
                dnsNames(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                keyDescription(certificate.getPublicKey()),
                chain,
                redacted);
    }

    /** The problems with any line of the private key replaced by {@code <redacted>}. */
    public List<String> redact(List<String> problems) {
        return PemCheck.redact(problems, this);
    }

    /**
     * A PEM import as checked locally.
     *
     * @param subject the certificate's subject, or null when it does not parse
     * @param names its DNS subject alternative names, in order
     * @param notBefore from when it is valid, or null
     * @param notAfter until when it is valid, or null
     * @param key its public key, e.g. "RSA 2048" or "EC 256", or null
     * @param chainCertificates how many intermediates the chain holds
     * @param problems why an import would be refused; empty when it would not
     */
    public record Inspection(
            String subject,
            List<String> names,
            Instant notBefore,
            Instant notAfter,
            String key,
            int chainCertificates,
            List<String> problems) {

        public Inspection {
            names = List.copyOf(names);
            problems = List.copyOf(problems);
        }

        public boolean importable() {
            return problems.isEmpty();
        }

        /**
         * What would be imported, in lines a person reads before confirming (never the key): subject, names,
         * validity with days left at {@code now}, key, chain. Only for an importable inspection.
         */
        public List<String> describe(Instant now) {
            long days = java.time.Duration.between(now, notAfter).toDays();
            return List.of(
                    "subject:   " + subject,
                    "names:     " + (names.isEmpty() ? "none (no DNS names)" : String.join(", ", names)),
                    "valid:     " + DAY.format(notBefore) + " to " + DAY.format(notAfter)
                            + (days < 0 ? " (EXPIRED " + -days + " days ago)" : " (" + days + " days left)"),
                    "key:       " + key + ", matches the certificate; sent to the store only, never shown or kept",
                    "chain:     "
                            + (chainCertificates == 0
                                    ? "none (clients must already trust the issuer)"
                                    : chainCertificates + " intermediate certificate(s)"));
        }

        /** The name a person knows the certificate by: its first DNS name, else its subject. */
        public String name() {
            return names.isEmpty() ? subject : names.getFirst();
        }

        /**
         * Whether a store's description is of this certificate: the same domain (its first DNS name, or its
         * subject's CN) and the same expiry, to the second.
         */
        public boolean describedBy(Certificate certificate) {
            boolean sameName = names.isEmpty()
                    ? subject != null && subject.contains("CN=" + certificate.domainName())
                    : names.getFirst().equals(certificate.domainName());
            return sameName
                    && notAfter != null
                    && certificate.notAfter() != null
                    && Math.abs(certificate.notAfter().getEpochSecond() - notAfter.getEpochSecond()) <= 1;
        }
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC);

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            var alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives == null) {
                return List.of();
            }
            return alternatives.stream()
                    .filter(pair -> pair.size() == 2 && Integer.valueOf(2).equals(pair.get(0)))
                    .map(pair -> String.valueOf(pair.get(1)))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String keyDescription(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> "RSA " + rsa.getModulus().bitLength();
            case ECPublicKey ec -> "EC " + ec.getParams().getCurve().getField().getFieldSize();
            default -> key.getAlgorithm();
        };
    }

    @Override
    public String toString() {
        return "PemImport[certificate=" + certificatePem.length() + " characters, privateKey=<redacted>, chain="
                + (chainPem == null ? "none" : chainPem.length() + " characters") + "]";
    }
}
