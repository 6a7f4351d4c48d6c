package dev.triage.core.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.PemImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

class AcmCertificatesTest {

    private static final Instant EXPIRY = Instant.parse("2027-05-01T00:00:00Z");
    private static final String LISTENER =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String LB =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";

    private final FakeAcm aws = new FakeAcm();
    private final List<Duration> sleeps = new ArrayList<>();
    private final AcmCertificates acm = new AcmCertificates(aws, null, false, sleeps::add);

    // ------------------------------------------------------------------ list

    @Test
    void listsEveryKeyTypeAndStatusAcrossPages() {
        aws.pageCap = 2;
        String rsa = aws.add(
                "a.example.com",
                List.of("a.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of());
        String ec = aws.add(
                "b.example.com",
                List.of("b.example.com"),
                KeyAlgorithm.EC_PRIME256_V1,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of());
        String big = aws.add(
                "c.example.com",
                List.of("c.example.com"),
                KeyAlgorithm.RSA_4096,
                CertificateStatus.EXPIRED,
                EXPIRY,
                List.of());
        String pending = aws.add(
                "d.example.com",
                List.of("d.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.PENDING_VALIDATION,
                null,
                List.of());
        String failed = aws.add(
                "e.example.com",
                List.of("e.example.com"),
                KeyAlgorithm.EC_SECP384_R1,
                CertificateStatus.FAILED,
                null,
                List.of());

        List<Certificate> certificates = acm.certificates();

        assertThat(certificates).extracting(Certificate::arn).containsExactly(rsa, ec, big, pending, failed);
        assertThat(certificates)
                .extracting(Certificate::status)
                .containsExactly(
                        Certificate.Status.ISSUED,
                        Certificate.Status.ISSUED,
                        Certificate.Status.EXPIRED,
                        Certificate.Status.PENDING_VALIDATION,
                        Certificate.Status.FAILED);
        assertThat(certificates.getFirst().notAfter()).isEqualTo(EXPIRY);
        assertThat(certificates.get(3).notAfter()).isNull();
        assertThat(aws.listRequests)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.maxItems()).isEqualTo(1000));
        assertThat(aws.calls).containsOnly("ListCertificates");
    }

    @Test
    void describesOnlyTheCertificatesWhoseSummaryLacksUsersOrNames() {
        String idle = aws.add(
                "idle.example.com",
                List.of("idle.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of());
        String used = aws.add(
                "shop.example.com",
                List.of("shop.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of(LB, LISTENER));
        List<String> many =
                IntStream.range(0, 150).mapToObj(i -> "h" + i + ".example.com").toList();
        String wide =
                aws.add("h0.example.com", many, KeyAlgorithm.RSA_2048, CertificateStatus.ISSUED, EXPIRY, List.of());

        List<Certificate> certificates = acm.certificates();

        assertThat(aws.calls).containsExactly("ListCertificates", "DescribeCertificate", "DescribeCertificate");
        Certificate idleCert = certificates.get(0);
        assertThat(idleCert.arn()).isEqualTo(idle);
        assertThat(idleCert.inUse()).isFalse();
        Certificate usedCert = certificates.get(1);
        assertThat(usedCert.arn()).isEqualTo(used);
        assertThat(usedCert.inUseBy()).containsExactly(LB, LISTENER);
        Certificate wideCert = certificates.get(2);
        assertThat(wideCert.arn()).isEqualTo(wide);
        assertThat(wideCert.subjectAlternativeNames()).hasSize(150);
    }

    @Test
    void aCertificateDeletedBetweenListAndDescribeIsLeftOut() {
        String kept = aws.add(
                "a.example.com",
                List.of("a.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of());
        String gone = aws.add(
                "b.example.com",
                List.of("b.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of(LB));
        aws.afterList = () -> aws.remove(gone);

        assertThat(acm.certificates()).extracting(Certificate::arn).containsExactly(kept);
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsThrottled() {
        aws.failNext("ThrottlingException", "Rate exceeded");

        assertThatThrownBy(acm::certificates)
                .isInstanceOf(CoreException.Throttled.class)
                .hasMessageContaining("ListCertificates was throttled");
    }

    @Test
    void accessDeniedNamesTheOperation() {
        aws.failNext(
                "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: acm:ListCertificates");

        assertThatThrownBy(acm::certificates)
                .isInstanceOf(CoreException.Denied.class)
                .hasMessageContaining("not allowed to ListCertificates")
                .hasMessageContaining("acm:ListCertificates");
    }

    // ------------------------------------------------------------------ describe

    @Test
    void describeOfAnUnknownCertificateIsNotFoundNamingIt() {
        String arn = FakeAcm.PREFIX + "0000aaaa-1111-2222-3333-444455556666";

        assertThatThrownBy(() -> acm.describe(arn))
                .isInstanceOfSatisfying(
                        CoreException.NotFound.class, e -> assertThat(e.id()).isEqualTo(arn))
                .hasMessage("certificate " + arn + " was not found");
    }

    @Test
    void describeOfAMalformedArnIsInvalidAndSaysWhatAnArnLooksLike() {
        assertThatThrownBy(() -> acm.describe("shop.example.com"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("'shop.example.com'")
                .hasMessageContaining("expected: arn:aws:acm:REGION:ACCOUNT:certificate/ID");
    }

    @Test
    void describeWhileAcmIsStillProcessingIsAConflict() {
        String arn =
                aws.add("a.example.com", List.of(), KeyAlgorithm.RSA_2048, CertificateStatus.ISSUED, EXPIRY, List.of());
        aws.failNext("RequestInProgressException", "Certificate request is in progress");

        assertThatThrownBy(() -> acm.describe(arn))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("still processing");
    }

    @Test
    void describeMapsInUseByAndNames() {
        String arn = aws.add(
                "shop.example.com",
                List.of("shop.example.com", "www.shop.example.com"),
                KeyAlgorithm.RSA_2048,
                CertificateStatus.ISSUED,
                EXPIRY,
                List.of(LB));

        assertThat(acm.describe(arn))
                .isEqualTo(new Certificate(
                        arn,
                        "shop.example.com",
                        List.of("shop.example.com", "www.shop.example.com"),
                        EXPIRY,
                        Certificate.Status.ISSUED,
                        List.of(LB)));
    }

    // ------------------------------------------------------------------ import

    @Test
    void importsACertificateWithItsChainAndReturnsItAsDescribed() {
        Certificate imported = acm.importPem(new PemImport(pem("shop.crt"), pem("shop.key"), pem("ca.crt")));

        assertThat(imported.domainName()).isEqualTo("shop.example.com");
        assertThat(imported.subjectAlternativeNames()).containsExactly("shop.example.com", "www.shop.example.com");
        assertThat(imported.status()).isEqualTo(Certificate.Status.ISSUED);
        assertThat(imported.notAfter()).isAfter(Instant.parse("2126-01-01T00:00:00Z"));
        assertThat(aws.lastImport.certificateChain().asUtf8String()).isEqualTo(pem("ca.crt"));
        assertThat(aws.lastImport.privateKey().asUtf8String()).isEqualTo(pem("shop.key"));
    }

    @Test
    void importsPkcs1RsaAndSec1EcKeys() {
        assertThat(acm.importPem(new PemImport(pem("shop.crt"), pem("shop-pkcs1.key"), null))
                        .domainName())
                .isEqualTo("shop.example.com");
        assertThat(acm.importPem(new PemImport(pem("api-ec.crt"), pem("api-ec.key"), null))
                        .domainName())
                .isEqualTo("api.example.com");
        assertThat(aws.lastImport.certificateChain()).isNull();
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsInvalidBeforeAnyCallAndNeverQuoted() {
        String key = pem("other.key");

        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), key, null)))
                .isInstanceOfSatisfying(CoreException.Invalid.class, e -> {
                    assertThat(e.problems()).singleElement().asString().contains("does not match the certificate");
                    assertNoKeyIn(e, key);
                });
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void anEcKeyForAnRsaCertificateIsInvalid() {
        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), pem("api-ec.key"), null)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("privateKeyPem: not a readable RSA private key");
    }

    @Test
    void anEncryptedKeyIsInvalidWithHowToDecryptIt() {
        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), pem("shop-encrypted.key"), null)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("encrypted with a passphrase")
                .hasMessageContaining("openssl pkey");
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void twoCertificatesInTheCertificateFieldAndAGarbledChainAreBothReported() {
        String twoCertificates = pem("shop.crt") + pem("ca.crt");
        String garbled = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> acm.importPem(new PemImport(twoCertificates, pem("shop.key"), garbled)))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("certificatePem: 2 certificates"))
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("chainPem certificate 1: not an X.509 certificate")));
    }

    @Test
    void anExpiredCertificateRejectedByAcmIsInvalidWithAcmsReason() {
        aws.now = Instant.parse("2127-01-01T00:00:00Z");

        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), pem("shop.key"), null)))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly("ValidationException: The certificate has expired"))
                .hasMessageContaining("certificate import of CN=shop.example.com");
    }

    @Test
    void theCertificateQuotaIsInvalidAndSaysSo() {
        aws.maxCertificates = 0;

        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), pem("shop.key"), null)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("an ACM quota is reached");
    }

    @Test
    void anAcmMessageThatEchoesTheKeyIsRedacted() {
        String key = pem("shop.key");
        String keyLine = key.lines().skip(3).findFirst().orElseThrow();
        aws.failNext("ValidationException", "Unexpected key content near " + keyLine);

        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), key, null)))
                .isInstanceOfSatisfying(CoreException.Invalid.class, e -> {
                    assertThat(e.getMessage()).contains("<redacted>");
                    assertNoKeyIn(e, key);
                });
    }

    @Test
    void waitsWithDoublingPausesUntilTheImportedCertificateIsVisible() {
        aws.describeLagAfterImport = 2;

        Certificate imported = acm.importPem(new PemImport(pem("shop.crt"), pem("shop.key"), null));

        assertThat(imported.domainName()).isEqualTo("shop.example.com");
        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(aws.calls)
                .containsExactly(
                        "ImportCertificate", "DescribeCertificate", "DescribeCertificate", "DescribeCertificate");
    }

    @Test
    void anImportThatNeverBecomesVisibleIsUnavailableNamingTheNewArn() {
        aws.describeLagAfterImport = 100;

        assertThatThrownBy(() -> acm.importPem(new PemImport(pem("shop.crt"), pem("shop.key"), null)))
                .isInstanceOf(CoreException.Unavailable.class)
                .hasMessageContaining("imported " + FakeAcm.PREFIX)
                .hasMessageContaining("after " + AcmCertificates.VISIBILITY_ATTEMPTS + " attempts");
        assertThat(sleeps).hasSize(AcmCertificates.VISIBILITY_ATTEMPTS - 1);
    }

    @Test
    void thePemImportNeverShowsTheKey() {
        String key = pem("shop.key");
        assertThat(new PemImport(pem("shop.crt"), key, null).toString())
                .contains("<redacted>")
                .doesNotContain("MII");
    }

    private static void assertNoKeyIn(Throwable e, String key) {
        List<String> keyLines = key.lines()
                .filter(l -> !l.startsWith("-----") && l.length() >= 16)
                .toList();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()) + t;
            for (String line : keyLines) {
                assertThat(text).doesNotContain(line);
            }
        }
    }

    static String pem(String name) {
        try (InputStream in = AcmCertificatesTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
