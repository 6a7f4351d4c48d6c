package dev.triage.core.port;

import static dev.triage.core.port.TestPems.pem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PemImportTest {

    @Test
    void inspectionShowsSubjectNamesValidityKeyAndChainOfAMatchingPair() {
        PemImport.Inspection inspection = new PemImport(pem("shop.crt"), pem("shop.key"), pem("ca.crt")).inspect();

        assertThat(inspection.importable()).isTrue();
        assertThat(inspection.subject()).isEqualTo("CN=shop.example.com");
        assertThat(inspection.names()).containsExactly("shop.example.com", "www.shop.example.com");
        assertThat(inspection.notAfter()).isAfter(Instant.parse("2126-01-01T00:00:00Z"));
        assertThat(inspection.notBefore()).isBefore(inspection.notAfter());
        assertThat(inspection.key()).isEqualTo("RSA 2048");
        assertThat(inspection.chainCertificates()).isEqualTo(1);
    }

    @Test
    void inspectionDescribesAnEcKey() {
        PemImport.Inspection inspection = new PemImport(pem("api-ec.crt"), pem("api-ec.key"), null).inspect();

        assertThat(inspection.importable()).isTrue();
        assertThat(inspection.key()).startsWith("EC ");
        assertThat(inspection.chainCertificates()).isZero();
    }

    @Test
    void inspectionOfAKeyFromAnotherCertificateSaysSoWithoutQuotingTheKey() {
        String key = pem("api-ec.key");
        PemImport.Inspection inspection = new PemImport(pem("shop.crt"), key, null).inspect();

        assertThat(inspection.importable()).isFalse();
        assertThat(inspection.subject()).isEqualTo("CN=shop.example.com");
        assertThat(String.join("\n", inspection.problems())).contains("privateKeyPem");
        key.lines()
                .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                .forEach(line ->
                        assertThat(String.join("\n", inspection.problems())).doesNotContain(line));
    }

    @Test
    void inspectionOfAnUnreadableCertificateHasNoSubjectAndSaysWhy() {
        PemImport.Inspection inspection = new PemImport(
                        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
                        pem("shop.key"),
                        null)
                .inspect();

        assertThat(inspection.importable()).isFalse();
        assertThat(inspection.subject()).isNull();
        assertThat(inspection.names()).isEmpty();
        assertThat(inspection.problems()).anySatisfy(p -> assertThat(p).startsWith("certificatePem"));
    }
}
