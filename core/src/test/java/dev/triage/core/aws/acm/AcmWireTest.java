package dev.triage.core.aws.acm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsPlace;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACM's JSON 1.1 protocol end to end: a real SDK client built by {@link AwsContext} (endpoint override, static keys
 * from the aws.accessKeyId / aws.secretAccessKey system properties) against WireMock answering as ACM documents.
 */
class AcmWireTest {

    static final String JSON = "application/x-amz-json-1.1";
    static final String USED = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    static final String IDLE = "arn:aws:acm:eu-west-1:123456789012:certificate/87654321-4321-4321-4321-210987654321";
    static final String LB =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";

    static final String PAGE_1 = """
            {"CertificateSummaryList": [
              {"CertificateArn": "%s", "DomainName": "shop.example.com",
               "SubjectAlternativeNameSummaries": ["shop.example.com", "www.shop.example.com"],
               "HasAdditionalSubjectAlternativeNames": false, "Status": "ISSUED", "Type": "AMAZON_ISSUED",
               "KeyAlgorithm": "RSA-2048", "InUse": true, "NotAfter": 1809345600.0}],
             "NextToken": "dG9rZW4tMg=="}
            """.formatted(USED);
    static final String PAGE_2 = """
            {"CertificateSummaryList": [
              {"CertificateArn": "%s", "DomainName": "api.example.com",
               "SubjectAlternativeNameSummaries": ["api.example.com"],
               "HasAdditionalSubjectAlternativeNames": false, "Status": "EXPIRED", "Type": "IMPORTED",
               "KeyAlgorithm": "EC-prime256v1", "InUse": false, "NotAfter": 1735689600.0}]}
            """.formatted(IDLE);
    static final String DESCRIBE_USED = """
            {"Certificate": {"CertificateArn": "%s", "DomainName": "shop.example.com",
              "SubjectAlternativeNames": ["shop.example.com", "www.shop.example.com"],
              "Status": "ISSUED", "Type": "AMAZON_ISSUED", "KeyAlgorithm": "RSA-2048",
              "NotBefore": 1777809600.0, "NotAfter": 1809345600.0, "InUseBy": ["%s"]}}
            """.formatted(USED, LB);
    private static final List<String> KEYS = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken");

    private final Map<String, String> savedProperties = new HashMap<>();
    private WireMockServer server;
    private AwsContext context;
    private AcmCertificates acm;

    @BeforeEach
    void start() {
        for (String key : KEYS) {
            savedProperties.put(key, System.getProperty(key));
        }
        System.setProperty("aws.accessKeyId", "AKIDTRIAGETEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.clearProperty("aws.sessionToken");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        context = AwsContext.open(new AwsPlace(null, "eu-west-1", URI.create("http://127.0.0.1:" + server.port())));
        acm = AcmCertificates.open(context);
    }

    @AfterEach
    void stop() {
        acm.close();
        context.close();
        server.stop();
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    /** Stubs both ListCertificates pages and the DescribeCertificate of the certificate in use. */
    static void stubAccount(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.ListCertificates"))
                .withRequestBody(notContaining("NextToken"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", JSON)
                        .withBody(PAGE_1)));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.ListCertificates"))
                .withRequestBody(containing("\"NextToken\":\"dG9rZW4tMg==\""))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", JSON)
                        .withBody(PAGE_2)));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .withRequestBody(containing(USED))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", JSON)
                        .withBody(DESCRIBE_USED)));
    }

    @Test
    void listFollowsNextTokenAsksForEveryKeyTypeAndDescribesOnlyTheCertificateInUse() {
        stubAccount(server);

        List<Certificate> certificates = acm.certificates();

        assertThat(certificates)
                .containsExactly(
                        new Certificate(
                                USED,
                                "shop.example.com",
                                List.of("shop.example.com", "www.shop.example.com"),
                                Instant.ofEpochSecond(1809345600L),
                                Certificate.Status.ISSUED,
                                List.of(LB)),
                        new Certificate(
                                IDLE,
                                "api.example.com",
                                List.of("api.example.com"),
                                Instant.ofEpochSecond(1735689600L),
                                Certificate.Status.EXPIRED,
                                List.of()));
        server.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("CertificateManager.ListCertificates"))
                        .withHeader("Content-Type", equalTo(JSON))
                        .withRequestBody(containing("\"MaxItems\":1000"))
                        .withRequestBody(containing("\"EC_prime256v1\""))
                        .withRequestBody(containing("\"RSA_4096\""))
                        .withRequestBody(containing("\"PENDING_VALIDATION\"")));
        server.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate")));
    }

    @Test
    void aThrottledCallIsRetriedByTheClientWithBackoff() {
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("calm"));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .inScenario("throttle")
                .whenScenarioStateIs("calm")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", JSON)
                        .withBody(DESCRIBE_USED)));

        assertThat(acm.describe(USED).inUseBy()).containsExactly(LB);
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void resourceNotFoundOnTheWireIsNotFoundNamingTheArn() {
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Could not find certificate "
                                + IDLE + ".\"}")));

        assertThatThrownBy(() -> acm.describe(IDLE))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessage("certificate " + IDLE + " was not found");
    }
}
