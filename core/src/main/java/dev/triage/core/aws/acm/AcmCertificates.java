package dev.triage.core.aws.acm;

import static java.util.Objects.requireNonNull;

import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.PemImport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;

/**
 * {@link Certificates} over AWS Certificate Manager.
 *
 * <p>{@link #certificates()} reads every page of ListCertificates ({@value #PAGE_SIZE} per page) with every key type
 * and status (ACM's default filter returns RSA_1024 and RSA_2048 only), then DescribeCertificate for the certificates
 * whose summary does not say everything: those in use (for the ARNs using them), those with more names than the
 * summary holds, and those missing a domain or expiry. A certificate deleted between the two calls is left out.
 *
 * <p>{@link #importPem} checks the PEM locally first (one certificate, a readable chain, an unencrypted key that
 * matches the certificate) so the common mistakes get a precise reason, then calls ImportCertificate and describes
 * the new certificate, retrying while ACM has not made it visible yet (eventual consistency). No message carries the
 * private key.
 *
 * <p>Retries with backoff on throttling and transient errors come from the client (see {@link AwsContext}); ACM's
 * error codes become {@link CoreException}s (see {@code AcmErrors}).
 */
public final class AcmCertificates implements Certificates, AutoCloseable {

    /** ListCertificates' MaxItems limit. */
    static final int PAGE_SIZE = 1_000;

    static final int MAX_PAGES = 1_000;
    /** Describes after an import before giving up on ACM making the certificate visible. */
    static final int VISIBILITY_ATTEMPTS = 6;

    static final Duration FIRST_VISIBILITY_WAIT = Duration.ofMillis(250);

    private final AcmClient client;
    private final AcmErrors errors;
    private final boolean ownsClient;
    private final Sleeper sleeper;

    /** An adapter over a given client (not closed by the adapter), e.g. a fake in tests. */
    public AcmCertificates(AcmClient client) {
        this(client, null, false, Sleeper.THREAD);
    }

    AcmCertificates(AcmClient client, AwsContext context, boolean ownsClient, Sleeper sleeper) {
        this.client = requireNonNull(client, "client");
        this.errors = new AcmErrors(context);
        this.ownsClient = ownsClient;
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    /** An adapter over a client built by {@code context} (closed with the adapter). */
    public static AcmCertificates open(AwsContext context) {
        requireNonNull(context, "context");
        return new AcmCertificates(context.client(AcmClient.builder()), context, true, Sleeper.THREAD);
    }

    @Override
    public List<Certificate> certificates() {
        List<CertificateSummary> summaries = new ArrayList<>();
        String token = null;
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw new CoreException.Unavailable(
                        AcmErrors.SERVICE,
                        "ListCertificates returned more than " + MAX_PAGES + " pages; stopped",
                        null);
            }
            String current = token;
            ListCertificatesResponse response = errors.call(
                    "ListCertificates",
                    null,
                    () -> client.listCertificates(b -> b.maxItems(PAGE_SIZE)
                            .nextToken(current)
                            .certificateStatuses(CertificateStatus.knownValues())
                            .includes(f -> f.keyTypes(KeyAlgorithm.knownValues()))));
            summaries.addAll(response.certificateSummaryList());
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        List<Certificate> result = new ArrayList<>();
        for (CertificateSummary summary : summaries) {
            if (AcmMapping.summaryIsEnough(summary)) {
                result.add(AcmMapping.fromSummary(summary));
                continue;
            }
            try {
                result.add(describe(summary.certificateArn()));
            } catch (CoreException.NotFound gone) {
                // deleted since it was listed: it is no longer a certificate of this account
            }
        }
        return List.copyOf(result);
    }

    @Override
    public Certificate describe(String certificateArn) {
        requireNonNull(certificateArn, "certificateArn");
        CertificateDetail detail = errors.call(
                        "DescribeCertificate",
                        certificateArn,
                        () -> client.describeCertificate(b -> b.certificateArn(certificateArn)))
                .certificate();
        return AcmMapping.fromDetail(detail);
    }

    @Override
    public Certificate importPem(PemImport pem) {
        requireNonNull(pem, "pem");
        PemImport.Inspection inspection = pem.inspect();
        String what =
                inspection.subject() == null ? "certificate import" : "certificate import of " + inspection.subject();
        if (!inspection.importable()) {
            throw new CoreException.Invalid(what, inspection.problems());
        }
        String arn;
        try {
            arn = errors.call(
                            "ImportCertificate",
                            null,
                            () -> client.importCertificate(b -> {
                                b.certificate(bytes(pem.certificatePem())).privateKey(bytes(pem.privateKeyPem()));
                                if (pem.chainPem() != null && !pem.chainPem().isBlank()) {
                                    b.certificateChain(bytes(pem.chainPem()));
                                }
                            }))
                    .certificateArn();
        } catch (CoreException.Invalid invalid) {
            List<String> redacted = pem.redact(invalid.problems());
            // a cause whose message quoted the key would carry it into logs: drop it then
            throw new CoreException.Invalid(
                    what, redacted, redacted.equals(invalid.problems()) ? invalid.getCause() : null);
        }
        return describeNew(arn);
    }

    /** ACM may answer ResourceNotFound for a moment after the import: wait with doubling pauses. */
    private Certificate describeNew(String arn) {
        Duration wait = FIRST_VISIBILITY_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return describe(arn);
            } catch (CoreException.NotFound | CoreException.Conflict notYet) {
                if (attempt == VISIBILITY_ATTEMPTS) {
                    throw new CoreException.Unavailable(
                            AcmErrors.SERVICE,
                            "imported " + arn + " but ACM did not show it after " + attempt
                                    + " attempts; describe it again in a minute",
                            notYet);
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoreException.Unavailable(
                        AcmErrors.SERVICE, "interrupted while waiting for imported " + arn + " to appear", e);
            }
            wait = wait.multipliedBy(2);
        }
    }

    private static SdkBytes bytes(String pem) {
        return SdkBytes.fromString(pem, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Pauses between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d);

        void sleep(Duration duration) throws InterruptedException;
    }
}
