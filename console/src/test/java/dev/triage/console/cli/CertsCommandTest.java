package dev.triage.console.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.triage.core.domain.Certificate;
import dev.triage.core.port.PemImport;
import dev.triage.core.port.TestPems;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code triage --region R certs list} in-process against an ACM that speaks the real JSON 1.1 protocol (WireMock),
 * reached through the SDK's own endpoint setting (the aws.endpointUrlAcm system property, the in-process twin of
 * AWS_ENDPOINT_URL_ACM) with static keys from system properties: the whole path from picocli to the wire.
 */
class CertsCommandTest {

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String USED =
            "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    private static final String PENDING =
            "arn:aws:acm:eu-west-1:123456789012:certificate/87654321-4321-4321-4321-210987654321";
    private static final String LB =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String IMPORTED =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0f0f0f0f-1111-2222-3333-444455556666";
    private static final List<String> PROPERTIES =
            List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.endpointUrlAcm");

    private final Map<String, String> saved = new HashMap<>();
    private WireMockServer server;

    @BeforeEach
    void start() {
        for (String key : PROPERTIES) {
            saved.put(key, System.getProperty(key));
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        System.setProperty("aws.accessKeyId", "AKIDTRIAGETEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.clearProperty("aws.sessionToken");
        System.setProperty("aws.endpointUrlAcm", "http://127.0.0.1:" + server.port());
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.ListCertificates"))
                .withRequestBody(notContaining("NextToken"))
                .willReturn(json("""
                        {"CertificateSummaryList": [
                          {"CertificateArn": "%s", "DomainName": "shop.example.com",
                           "SubjectAlternativeNameSummaries": ["shop.example.com"],
                           "HasAdditionalSubjectAlternativeNames": false, "Status": "ISSUED",
                           "InUse": true, "NotAfter": 4102444800.0}],
                         "NextToken": "cGFnZS0y"}
                        """.formatted(USED))));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.ListCertificates"))
                .withRequestBody(containing("cGFnZS0y"))
                .willReturn(json("""
                        {"CertificateSummaryList": [
                          {"CertificateArn": "%s", "DomainName": "new.example.com",
                           "SubjectAlternativeNameSummaries": ["new.example.com"],
                           "HasAdditionalSubjectAlternativeNames": false, "Status": "PENDING_VALIDATION",
                           "InUse": false}]}
                        """.formatted(PENDING))));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .withRequestBody(containing(USED))
                .willReturn(json("""
                        {"Certificate": {"CertificateArn": "%s", "DomainName": "shop.example.com",
                          "SubjectAlternativeNames": ["shop.example.com"], "Status": "ISSUED",
                          "NotAfter": 4102444800.0, "InUseBy": ["%s"]}}
                        """.formatted(USED, LB))));
    }

    @AfterEach
    void stop() {
        server.stop();
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void certsListJsonShowsEveryPageWithStatusExpiryAndUsers() throws Exception {
        Run run = triage("--region", "eu-west-1", "certs", "list", "--json");

        assertThat(run.code).as(run.err).isZero();
        JsonNode certificates = new ObjectMapper().readTree(run.out).path("certificates");
        assertThat(certificates).hasSize(2);
        JsonNode shop = certificates.get(0);
        assertThat(shop.path("arn").asText()).isEqualTo(USED);
        assertThat(shop.path("status").asText()).isEqualTo("ISSUED");
        assertThat(shop.path("notAfter").asText()).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(shop.path("daysToExpiry").asLong()).isPositive();
        assertThat(shop.path("inUseBy").get(0).asText()).isEqualTo(LB);
        JsonNode pending = certificates.get(1);
        assertThat(pending.path("status").asText()).isEqualTo("PENDING_VALIDATION");
        assertThat(pending.path("notAfter").isNull()).isTrue();
    }

    @Test
    void certsListTextNamesDomainStatusExpiryAndUsers() {
        Run run = triage("--region", "eu-west-1", "certs", "list");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out)
                .contains("shop.example.com  ISSUED  expires 2100-01-01T00:00:00Z (in ")
                .contains("in use by " + LB)
                .contains("new.example.com  PENDING_VALIDATION  no expiry yet")
                .contains("not in use");
    }

    @Test
    void anAcmFailureExitsOneWithTheReason() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to"
                                + " perform: acm:ListCertificates\"}")));

        Run run = triage("--region", "eu-west-1", "certs", "list");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("not allowed to ListCertificates").contains("acm:ListCertificates");
    }

    @Test
    void certsImportChecksPreviewsWithoutTheKeyImportsVerifiesAndJournals(@TempDir Path dir) throws Exception {
        Path crt = TestPems.file(dir, "shop.crt");
        Path key = TestPems.file(dir, "shop.key");
        Path chain = TestPems.file(dir, "ca.crt");
        long notAfter = new PemImport(Files.readString(crt), Files.readString(key), null)
                .inspect()
                .notAfter()
                .getEpochSecond();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.ImportCertificate"))
                .willReturn(json("{\"CertificateArn\": \"%s\"}".formatted(IMPORTED))));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .withRequestBody(containing(IMPORTED))
                .willReturn(json("""
                        {"Certificate": {"CertificateArn": "%s", "DomainName": "shop.example.com",
                          "SubjectAlternativeNames": ["shop.example.com", "www.shop.example.com"],
                          "Status": "ISSUED", "Type": "IMPORTED", "NotAfter": %d.0, "InUseBy": []}}
                        """.formatted(IMPORTED, notAfter))));
        Path journal = dir.resolve("journal.jsonl");

        Run run = answering(
                "y\n",
                "--region",
                "eu-west-1",
                "--journal",
                journal.toString(),
                "certs",
                "import",
                "--certificate",
                crt.toString(),
                "--key",
                key.toString(),
                "--chain",
                chain.toString(),
                "--reason",
                "renewal");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out)
                .contains("subject:   CN=shop.example.com")
                .contains("names:     shop.example.com, www.shop.example.com")
                .contains("1 intermediate certificate(s)")
                .contains("import? [y/N]")
                .contains("VERIFIED: imported shop.example.com as " + IMPORTED + " (ISSUED)");
        server.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("CertificateManager.ImportCertificate")));
        String written = Files.readString(journal);
        assertThat(written)
                .contains("import certificate shop.example.com")
                .contains("VERIFIED")
                .contains("renewal");
        Files.readAllLines(key).stream()
                .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                .forEach(line -> {
                    assertThat(written).doesNotContain(line);
                    assertThat(run.out).doesNotContain(line);
                });
    }

    @Test
    void certsImportNotConfirmedOrWithAForeignKeyCallsNothing(@TempDir Path dir) throws Exception {
        Path crt = TestPems.file(dir, "shop.crt");
        Path key = TestPems.file(dir, "shop.key");
        Path foreign = TestPems.file(dir, "api-ec.key");
        Path journal = dir.resolve("journal.jsonl");

        Run declined = answering(
                "n\n",
                "--region",
                "eu-west-1",
                "--journal",
                journal.toString(),
                "certs",
                "import",
                "--certificate",
                crt.toString(),
                "--key",
                key.toString());
        Run mismatched = answering(
                "",
                "--region",
                "eu-west-1",
                "--journal",
                journal.toString(),
                "certs",
                "import",
                "--certificate",
                crt.toString(),
                "--key",
                foreign.toString(),
                "--yes");
        Run missing = answering(
                "",
                "--region",
                "eu-west-1",
                "--journal",
                journal.toString(),
                "certs",
                "import",
                "--certificate",
                dir.resolve("nope.crt").toString(),
                "--key",
                key.toString(),
                "--yes");

        assertThat(declined.code).isEqualTo(1);
        assertThat(declined.err).contains("not imported (not confirmed)");
        assertThat(mismatched.code).isEqualTo(1);
        assertThat(mismatched.err).contains("privateKeyPem: not a readable RSA private key");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("--certificate: ").contains("nope.crt is not a file");
        server.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("CertificateManager.ImportCertificate")));
        assertThat(journal).doesNotExist();
    }

    @Test
    void theViewPutsTheSoonestExpiryFirstAndCountsDays() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        var later = new Certificate(
                USED, "b.example.com", List.of(), now.plusSeconds(86_400 * 30), Certificate.Status.ISSUED, List.of());
        var sooner = new Certificate(
                PENDING,
                "a.example.com",
                List.of(),
                now.plusSeconds(86_400 * 3 + 10),
                Certificate.Status.ISSUED,
                List.of());

        List<Map<String, Object>> view = CertsCommand.view(List.of(later, sooner), now);

        assertThat(view).extracting(m -> m.get("domainName")).containsExactly("a.example.com", "b.example.com");
        assertThat(view).extracting(m -> m.get("daysToExpiry")).containsExactly(3L, 30L);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
    }

    private static Run triage(String... args) {
        return answering("", args);
    }

    /** Runs {@code args} with {@code stdin} as what the user types at the confirmation. */
    private static Run answering(String stdin, String... args) {
        CommandLine line = Triage.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(new ArrayList<>(List.of(args)).toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}
}
