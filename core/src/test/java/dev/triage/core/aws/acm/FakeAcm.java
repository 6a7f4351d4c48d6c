package dev.triage.core.aws.acm;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.AcmException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.ImportCertificateRequest;
import software.amazon.awssdk.services.acm.model.ImportCertificateResponse;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;

/**
 * An in-memory ACM that behaves as AWS documents for the calls the adapter makes: ListCertificates with MaxItems
 * 1..1000 (at most {@link #pageCap} per page), NextToken, the default key-type filter (RSA_1024 and RSA_2048 only
 * unless Includes.keyTypes is given), status filters, at most {@link #sanSummaryLimit} alternative names per summary
 * (HasAdditionalSubjectAlternativeNames), InUse without the users (DescribeCertificate has InUseBy);
 * DescribeCertificate with InvalidArnException and ResourceNotFoundException, and a lag after an import during which
 * the new certificate is not found yet (eventual consistency); ImportCertificate with ACM's size limits, a certificate
 * valid now, a matching key (PKCS#8 keys; other encodings are accepted unchecked), and a quota
 * (LimitExceededException). {@link #failNext} makes the next call fail with a given code.
 */
final class FakeAcm implements AcmClient {

    static final String PREFIX = "arn:aws:acm:eu-west-1:123456789012:certificate/";
    private static final Set<KeyAlgorithm> DEFAULT_KEY_TYPES = Set.of(KeyAlgorithm.RSA_1024, KeyAlgorithm.RSA_2048);

    int pageCap = 1000;
    int sanSummaryLimit = 100;
    int maxCertificates = 2500;
    int describeLagAfterImport = 0;
    Instant now = Instant.parse("2030-01-01T12:00:00Z");
    /** Runs after each ListCertificates page is answered (to change the account between calls). */
    Runnable afterList = () -> {};

    final List<String> calls = new ArrayList<>();
    final List<ListCertificatesRequest> listRequests = new ArrayList<>();
    ImportCertificateRequest lastImport;

    private final Map<String, CertificateDetail> certificates = new LinkedHashMap<>();
    private final Map<String, Integer> invisible = new HashMap<>();
    private final List<String[]> failures = new ArrayList<>();

    // ------------------------------------------------------------------ seeding

    String add(
            String domain,
            List<String> names,
            KeyAlgorithm key,
            CertificateStatus status,
            Instant notAfter,
            List<String> inUseBy) {
        String arn = PREFIX + UUID.nameUUIDFromBytes((domain + certificates.size()).getBytes(StandardCharsets.UTF_8));
        certificates.put(
                arn,
                CertificateDetail.builder()
                        .certificateArn(arn)
                        .domainName(domain)
                        .subjectAlternativeNames(names)
                        .keyAlgorithm(key)
                        .status(status)
                        .type(CertificateType.AMAZON_ISSUED)
                        .notAfter(notAfter)
                        .inUseBy(inUseBy)
                        .build());
        return arn;
    }

    void remove(String arn) {
        certificates.remove(arn);
    }

    /** The next call fails with {@code code} (e.g. ThrottlingException, AccessDeniedException). */
    void failNext(String code, String message) {
        failures.add(new String[] {code, message});
    }

    // ------------------------------------------------------------------ API

    @Override
    public ListCertificatesResponse listCertificates(ListCertificatesRequest request) {
        enter("ListCertificates");
        listRequests.add(request);
        int max = request.maxItems() == null ? pageCap : request.maxItems();
        if (max < 1 || max > 1000) {
            throw error(
                    "ValidationException",
                    "1 validation error detected: Value '" + max
                            + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        Set<KeyAlgorithm> keyTypes =
                request.includes() != null && request.includes().hasKeyTypes()
                        ? Set.copyOf(request.includes().keyTypes())
                        : DEFAULT_KEY_TYPES;
        List<CertificateDetail> matching = certificates.values().stream()
                .filter(c -> keyTypes.contains(c.keyAlgorithm()))
                .filter(c -> !request.hasCertificateStatuses()
                        || request.certificateStatuses().contains(c.status()))
                .toList();
        int from = 0;
        if (request.nextToken() != null) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(request.nextToken())));
            } catch (IllegalArgumentException e) {
                throw error("InvalidArgsException", "The NextToken is invalid");
            }
        }
        int to = Math.min(matching.size(), from + Math.min(max, pageCap));
        var summaries = matching.subList(from, to).stream().map(this::summary).toList();
        String next = to < matching.size()
                ? Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
                : null;
        afterList.run();
        return ListCertificatesResponse.builder()
                .certificateSummaryList(summaries)
                .nextToken(next)
                .build();
    }

    private CertificateSummary summary(CertificateDetail c) {
        List<String> names = c.subjectAlternativeNames();
        boolean more = names.size() > sanSummaryLimit;
        return CertificateSummary.builder()
                .certificateArn(c.certificateArn())
                .domainName(c.domainName())
                .subjectAlternativeNameSummaries(more ? names.subList(0, sanSummaryLimit) : names)
                .hasAdditionalSubjectAlternativeNames(more)
                .status(c.status())
                .type(c.type())
                .keyAlgorithm(c.keyAlgorithm())
                .inUse(!c.inUseBy().isEmpty())
                .notAfter(c.notAfter())
                .build();
    }

    @Override
    public DescribeCertificateResponse describeCertificate(DescribeCertificateRequest request) {
        enter("DescribeCertificate");
        String arn = request.certificateArn();
        if (arn == null || !arn.matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+")) {
            throw error("InvalidArnException", "String '" + arn + "' is not a valid ARN");
        }
        Integer lag = invisible.get(arn);
        if (lag != null && lag > 0) {
            invisible.put(arn, lag - 1);
            throw error("ResourceNotFoundException", "Could not find certificate " + arn + ".");
        }
        CertificateDetail detail = certificates.get(arn);
        if (detail == null) {
            throw error("ResourceNotFoundException", "Could not find certificate " + arn + ".");
        }
        return DescribeCertificateResponse.builder().certificate(detail).build();
    }

    @Override
    public ImportCertificateResponse importCertificate(ImportCertificateRequest request) {
        enter("ImportCertificate");
        lastImport = request;
        if (request.certificate() == null || request.privateKey() == null) {
            throw error("ValidationException", "Certificate and PrivateKey are required");
        }
        if (request.certificate().asByteArray().length > 32_768) {
            throw error("ValidationException", "The certificate field exceeds 32768 bytes");
        }
        if (request.privateKey().asByteArray().length > 5_120) {
            throw error("ValidationException", "The private key field exceeds 5120 bytes");
        }
        if (request.certificateChain() != null && request.certificateChain().asByteArray().length > 2_097_152) {
            throw error("ValidationException", "The certificate chain exceeds 2097152 bytes");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(request.certificate().asByteArray()));
        } catch (Exception e) {
            throw error("ValidationException", "Could not parse the certificate body");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw error("ValidationException", "The certificate is not valid yet");
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw error("ValidationException", "The certificate has expired");
        }
        String key = request.privateKey().asUtf8String();
        if (key.contains("ENCRYPTED")) {
            throw error("ValidationException", "The private key is encrypted; ACM imports unencrypted keys only");
        }
        if (key.contains("-----BEGIN PRIVATE KEY-----") && !matches(key, cert)) {
            throw error("ValidationException", "The private key does not match the certificate");
        }
        if (certificates.size() >= maxCertificates) {
            throw error("LimitExceededException", "Exceeded the limit of certificates for this account");
        }
        String arn = PREFIX + UUID.randomUUID();
        List<String> names = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                cert.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
            }
        } catch (Exception e) {
            throw error("ValidationException", "Could not read the certificate's alternative names");
        }
        String cn = cert.getSubjectX500Principal().getName().replaceFirst("^.*CN=([^,]+).*$", "$1");
        certificates.put(
                arn,
                CertificateDetail.builder()
                        .certificateArn(arn)
                        .domainName(cn)
                        .subjectAlternativeNames(names)
                        .keyAlgorithm(
                                cert.getPublicKey().getAlgorithm().equals("EC")
                                        ? KeyAlgorithm.EC_PRIME256_V1
                                        : KeyAlgorithm.RSA_2048)
                        .status(CertificateStatus.ISSUED)
                        .type(CertificateType.IMPORTED)
                        .notBefore(cert.getNotBefore().toInstant())
                        .notAfter(cert.getNotAfter().toInstant())
                        .importedAt(now)
                        .inUseBy(List.of())
                        .build());
        invisible.put(arn, describeLagAfterImport);
        return ImportCertificateResponse.builder().certificateArn(arn).build();
    }

    private static boolean matches(String pem, X509Certificate cert) {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(new byte[] {1, 2, 3});
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(new byte[] {1, 2, 3});
            return verify.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}

    private void enter(String operation) {
        calls.add(operation);
        if (!failures.isEmpty()) {
            String[] failure = failures.removeFirst();
            throw error(failure[0], failure[1]);
        }
    }

    static AcmException error(String code, String message) {
        int status = code.equals("AccessDeniedException") ? 403 : 400;
        return (AcmException) AcmException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("ACM")
                        .build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
